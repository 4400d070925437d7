"""Embedders, lexical features and the online story and thread clusterer."""
