from procspec.cli.app import main

main()
