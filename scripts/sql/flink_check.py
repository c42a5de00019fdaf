"""Checks Flink SQL scripts with Flink's own SQL parser and validator (PyFlink).

Usage: flink_check.py FILE.sql...

Each script is checked statement by statement in a fresh streaming TableEnvironment. Every
statement is parsed and converted by Flink's parser exactly as written. The connector jars
(Kafka, JDBC, HTTP) are not at hand, so each table is then registered with the same schema and
watermark but the built-in `datagen` (sources) or `blackhole` (INSERT targets) connector in their place; views are created and INSERT
statements planned (EXPLAIN) against those, which validates every query, column and type.
Prints one line per file; exits 1 if any statement is rejected, naming it and Flink's reason.
"""
import re
import sys

from pyflink.table import EnvironmentSettings, TableEnvironment


def statements(text):
    """Splits a script on semicolons outside quotes, backticks and comments."""
    parts, current, quote, i = [], [], None, 0
    while i < len(text):
        c = text[i]
        if quote:
            current.append(c)
            if c == quote:
                quote = None
        elif c in "'`":
            quote = c
            current.append(c)
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c == ";":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current).strip())
    return [p for p in parts if p]


NAME = r"(`(?:[^`]|``)+`|[\w.]+)"


def with_stand_in(create_table, sinks):
    """The CREATE TABLE statement with its WITH clause replaced by a built-in connector's."""
    name = re.match(r"CREATE\s+TABLE\s+" + NAME, create_table, re.I).group(1)
    connector = "blackhole" if name in sinks else "datagen"
    start = create_table.upper().rindex(") WITH (")
    return create_table[:start] + f") WITH ('connector' = '{connector}')"


def check(path):
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    parser = env._j_tenv.getParser()
    count = 0
    script = statements(open(path, encoding="utf-8").read())
    sinks = {m.group(1) for s in script for m in [re.match(r"INSERT\s+INTO\s+" + NAME, s, re.I)] if m}
    for statement in script:
        try:
            operations = parser.parse(statement)
            if operations.size() != 1:
                raise ValueError("expected one statement")
            head = statement.upper()
            if head.startswith("CREATE TABLE"):
                env.execute_sql(with_stand_in(statement, sinks))
            elif head.startswith("INSERT"):
                env.explain_sql(statement)
            else:
                env.execute_sql(statement)
        except Exception as error:  # Py4J wraps Flink's exceptions
            message = str(error).strip().splitlines()
            reason = next((line for line in message if "Exception:" in line), message[0] if message else "rejected")
            print(f"{path}: rejected: {statement.splitlines()[0]}...\n  {reason}")
            return False
        count += 1
    print(f"{path}: {count} statements accepted by Flink")
    return True


if __name__ == "__main__":
    results = [check(path) for path in sys.argv[1:]]
    sys.exit(0 if results and all(results) else 1)
