from procspec.cli import main

main()
