"""Resources for language 'fr': word lists (.txt) and rule modules."""
