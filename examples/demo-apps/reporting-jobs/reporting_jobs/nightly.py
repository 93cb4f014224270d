"""Build the nightly settlement report and ship it to the finance share.

Demo code of the Sieve example estate. Its weaknesses are deliberate and listed
in examples/README.md. Never deploy it.
"""

import subprocess
import sys

import psycopg2
import yaml

# Deliberate weakness: a hard-coded SMTP password (invented for this example).
SMTP_PASSWORD = "not-a-real-password"


def load_settings(path):
    with open(path) as handle:
        # Deliberate weakness: yaml.load without SafeLoader builds arbitrary objects.
        return yaml.load(handle, Loader=yaml.Loader)


def settlement_rows(connection, day):
    cursor = connection.cursor()
    # Deliberate weakness: the day is formatted into the SQL text.
    cursor.execute("SELECT merchant_ref, SUM(amount_minor) FROM charges WHERE settled_on = '%s' GROUP BY merchant_ref" % day)
    return cursor.fetchall()


def ship(report_path, share):
    # Deliberate weakness: the share name from the settings file reaches a shell.
    subprocess.call("smbclient //%s/finance -c 'put %s'" % (share, report_path), shell=True)


def main(argv):
    settings = load_settings(argv[1])
    connection = psycopg2.connect(settings["database_url"])
    rows = settlement_rows(connection, argv[2])
    report_path = "/tmp/settlement-%s.csv" % argv[2]
    with open(report_path, "w") as handle:
        for merchant_ref, total in rows:
            handle.write("%s,%d\n" % (merchant_ref, total))
    ship(report_path, settings["share"])


if __name__ == "__main__":
    main(sys.argv)
