from ligestat.cli import main

main()
