"""Resources for language 'it': word lists (.txt) and rule modules."""
