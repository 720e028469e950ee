from turaz_data.cli import main

raise SystemExit(main())
