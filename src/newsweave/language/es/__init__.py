"""Resources for language 'es': word lists (.txt) and rule modules."""
