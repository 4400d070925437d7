"""Resources for language 'pt': word lists (.txt) and rule modules."""
