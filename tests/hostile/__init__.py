"""The hostile corpus: inputs an attacker or a careless user gives the tools (issue 13)."""
