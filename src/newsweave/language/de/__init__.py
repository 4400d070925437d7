"""Resources for language 'de': word lists (.txt) and rule modules."""
