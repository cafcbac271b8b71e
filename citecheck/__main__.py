from citecheck.cli import app

app(prog_name="citecheck")
