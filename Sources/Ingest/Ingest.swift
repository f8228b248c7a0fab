// Module Ingest: to be filled.
