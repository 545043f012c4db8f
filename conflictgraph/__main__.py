from conflictgraph.cli import main

main()
