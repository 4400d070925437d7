"""Who said what and who did what, when: the stage after entities.

Workers find each article's time expressions, quotes and events
(`extract.extract_statements`, built on `newsweave.events` and
`newsweave.quotes`); the main process resolves speakers and actors to
canonical entities and groups quotes of the same words, across outlets and
languages, into statements (`group.StatementGrouper`). `report` reads them
back for the CLI, the API and exports.
"""
