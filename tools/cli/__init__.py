"""The `asn` command line (`tools.cli.main`): one module per group of subcommands."""
