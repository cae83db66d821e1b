"""The `reform-search` command and the settings shared by the indexer and the web app."""
