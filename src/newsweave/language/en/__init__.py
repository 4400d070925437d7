"""Resources for language 'en': word lists (.txt) and rule modules."""
