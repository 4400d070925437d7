"""Who said what and who did what, when: the main-process side.

Workers find each article's time expressions, quotes and events (the
"timex", "quotes" and "events" stages, in `newsweave.timex`,
`newsweave.quotes` and `newsweave.events`); the main process resolves
speakers and actors to canonical entities and groups quotes of the same
words, across outlets and languages, into statements
(`group.StatementGrouper`). `report` reads them back for the CLI, the API
and exports.
"""
