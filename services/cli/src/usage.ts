export const USAGE = `Usage: sieve <command> [options]

Commands:
  run <file|dir>...   Ingest scanner reports, deduplicate, enrich and score them
                      in this process, and print the ranked queue.
  upload <file|dir>... --url <ingest URL> [--asset <name>] [--scope <name>] [--tool <format>]
                      Send reports to a running ingest service; prints each report id.
  policy what-if <policy.yaml> --db <dir> [--format table|json] [--top N]
                      Show how a proposed scoring policy would change the queue.
  context push --url <ingest URL> [context options]
                      Send catalogs, CODEOWNERS, manifests, runtime observations,
                      KEV and EPSS to a running ingest service; enrich re-scores
                      every finding they change.
  finding explain <id> --db <dir> [--format text|json]
                      Show why a finding's evidences are one finding: the rule,
                      its version and what matched, per evidence.
  finding split <id> --evidence <evidence-id> --db <dir> [--reason TEXT] [--actor NAME]
                      Move one evidence into a new finding; later rescans keep
                      it apart. Prints the new finding id.
  finding triage <id> --status false_positive|risk_accepted|suppressed|open --reason TEXT
                 [--expires YYYY-MM-DD] [--approver NAME] [--actor NAME] --db <dir>
                      Record a decision on a finding. risk_accepted needs an
                      approver and an expiry date (valid through that day, UTC).
  finding edit <id> [--severity S] [--description TEXT] [--title TEXT]
                 [--fixed-versions A,B] --reason TEXT [--actor NAME] --db <dir>
                      Set fields by hand; rescans keep these values.
  help                Print this text.
  version             Print the version.

sieve run options:
  --catalog <file|dir>  Backstage catalog-info.yaml or sieve-catalog.yaml file, or a
                        folder searched for both (repeatable)
  --codeowners <file>   CODEOWNERS file for owners by path
  --k8s <file|dir>      Kubernetes manifests: exposure, team labels, images (repeatable)
  --runtime <file|dir>  Runtime observations (docs/runtime-observations.md) (repeatable)
  --kev <file>          CISA KEV catalogue (JSON) for exploitation intel
  --epss <file>         EPSS scores (CSV, optionally gzip-compressed)
  --osv <file|dir>      OSV records whose aliases join CVE, GHSA and other ids (repeatable)
  --policy <file>       Scoring policy file (docs/scoring.md); default sieve-default-3
  --asset <name>        Asset of every report; default: the asset the report names,
                        else the report's folder name
  --scope <name>        Scan scope within the asset (default: the whole asset)
  --tool <format>       Read every report as this format instead of detecting it
                        (format ids are listed in the README)
  --format <fmt>        table (default), json or csv
  --out <file>          Write the output to a file instead of standard output
  --db <dir>            Keep the embedded database in this folder between runs;
                        without it each run starts from an empty database
  --close-after <n>     Complete scans in a row that must miss a finding before
                        it is fixed (default 1)
  --quiet               No progress or summary on standard error
  --log-level <level>   JSON log level on standard error (default: error)

In a folder given as input, catalog-info.yaml and CODEOWNERS files are read as
context (unless --catalog or --codeowners is given), and hidden files and
Markdown files are skipped; every other file is a report.

Exit status: 0 when every report was read, 1 when any report was rejected (the
others are still processed and reported), 2 on a usage error.
`;
