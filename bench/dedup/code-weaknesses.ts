import type { CodeTool } from './estate-model.js';

/** A tool's name for a weakness: rule id, CWE and message. */
export interface ToolRule {
  ruleId: string;
  cwe: string;
  message: string;
}

export interface Weakness {
  id: string;
  languages: ReadonlyArray<'py' | 'js'>;
  /** Rules per tool and language; a tool without an entry does not detect the weakness. */
  rules: Partial<Record<CodeTool, Partial<Record<'py' | 'js', ToolRule>>>>;
  code: Record<'py' | 'js', string>;
}

function rule(ruleId: string, cwe: string, message: string): ToolRule {
  return { ruleId, cwe, message };
}

export const WEAKNESSES: readonly Weakness[] = [
  {
    id: 'sql-injection',
    languages: ['py', 'js'],
    rules: {
      codeql: { py: rule('py/sql-injection', 'CWE-89', 'This SQL query depends on a user-provided value.'), js: rule('js/sql-injection', 'CWE-89', 'This query string depends on a user-provided value.') },
      'semgrep-sarif': { py: rule('python.django.security.injection.sql.sql-injection-db-cursor-execute', 'CWE-89', 'User-controlled data reaches a raw SQL query.'), js: rule('javascript.sequelize.security.audit.sequelize-injection-express.express-sequelize-sqli', 'CWE-89', 'User input reaches a Sequelize raw query.') },
      'semgrep-json': { py: rule('python.django.security.injection.sql.sql-injection-db-cursor-execute', 'CWE-89', 'User-controlled data reaches a raw SQL query.'), js: rule('javascript.sequelize.security.audit.sequelize-injection-express.express-sequelize-sqli', 'CWE-89', 'User input reaches a Sequelize raw query.') },
      'snyk-code': { py: rule('python/Sqli', 'CWE-89', 'Unsanitized input from an HTTP parameter flows into execute.'), js: rule('javascript/Sqli', 'CWE-89', 'Unsanitized input from the HTTP request body flows into query.') },
      bandit: { py: rule('B608', 'CWE-89', 'Possible SQL injection vector through string-based query construction.') },
    },
    code: { py: 'cursor.execute("SELECT * FROM orders WHERE id = " + order_id)', js: 'db.query("SELECT * FROM orders WHERE id = " + req.params.id)' },
  },
  {
    id: 'ssrf',
    languages: ['py', 'js'],
    rules: {
      codeql: { py: rule('py/full-ssrf', 'CWE-918', 'The full URL of this request depends on a user-provided value.'), js: rule('js/request-forgery', 'CWE-918', 'The URL of this request depends on a user-provided value.') },
      'semgrep-sarif': { js: rule('rules.lgpl.javascript.ssrf.rules_lgpl_javascript_ssrf_rule-node-ssrf', 'CWE-918', 'User controlled URL in http client libraries can result in SSRF.') },
      'semgrep-json': { js: rule('rules.lgpl.javascript.ssrf.rules_lgpl_javascript_ssrf_rule-node-ssrf', 'CWE-918', 'User controlled URL in http client libraries can result in SSRF.') },
      'snyk-code': { py: rule('python/Ssrf', 'CWE-918', 'Unsanitized input flows into requests.get, where it is used as a URL.'), js: rule('javascript/Ssrf', 'CWE-918', 'Unsanitized input from the HTTP request body flows into request, where it is used as a URL.') },
    },
    code: { py: 'requests.get(request.args["url"], timeout=5)', js: 'request.get(req.body.imageUrl).pipe(fs.createWriteStream(file))' },
  },
  {
    id: 'xss',
    languages: ['py', 'js'],
    rules: {
      codeql: { py: rule('py/reflective-xss', 'CWE-79', 'Cross-site scripting vulnerability due to a user-provided value.'), js: rule('js/reflected-xss', 'CWE-79', 'Cross-site scripting vulnerability due to a user-provided value.') },
      'semgrep-sarif': { js: rule('rules.lgpl.javascript.xss.rules_lgpl_javascript_xss_rule-express-xss', 'CWE-79', 'Untrusted user input in express response can result in XSS.') },
      'semgrep-json': { js: rule('rules.lgpl.javascript.xss.rules_lgpl_javascript_xss_rule-express-xss', 'CWE-79', 'Untrusted user input in express response can result in XSS.') },
      'snyk-code': { py: rule('python/XSS', 'CWE-79', 'Unsanitized input flows into the HTML response.'), js: rule('javascript/XSS', 'CWE-79', 'Unsanitized input from the HTTP request body flows into send.') },
    },
    code: { py: 'return make_response("<p>" + request.args["name"] + "</p>")', js: 'res.send("<p>" + req.query.name + "</p>")' },
  },
  {
    id: 'command-injection',
    languages: ['py', 'js'],
    rules: {
      codeql: { py: rule('py/command-line-injection', 'CWE-78', 'This command line depends on a user-provided value.'), js: rule('js/command-line-injection', 'CWE-78', 'This command line depends on a user-provided value.') },
      'semgrep-sarif': { py: rule('python.lang.security.audit.subprocess-shell-true.subprocess-shell-true', 'CWE-78', 'Found subprocess call with shell=True; this is dangerous.') },
      'semgrep-json': { py: rule('python.lang.security.audit.subprocess-shell-true.subprocess-shell-true', 'CWE-78', 'Found subprocess call with shell=True; this is dangerous.') },
      'snyk-code': { py: rule('python/CommandInjection', 'CWE-78', 'Unsanitized input flows into subprocess.call, where it is used as a shell command.'), js: rule('javascript/CommandInjection', 'CWE-78', 'Unsanitized input flows into child_process.exec.') },
      bandit: { py: rule('B602', 'CWE-78', 'subprocess call with shell=True identified, security issue.') },
    },
    code: { py: 'subprocess.call("convert " + request.form["file"], shell=True)', js: 'child_process.exec("convert " + req.body.file)' },
  },
  {
    id: 'path-traversal',
    languages: ['py', 'js'],
    rules: {
      codeql: { py: rule('py/path-injection', 'CWE-22', 'This path depends on a user-provided value.'), js: rule('js/path-injection', 'CWE-22', 'This path depends on a user-provided value.') },
      'semgrep-sarif': { js: rule('javascript.pathtraversal.javascript_pathtraversal_rule-non-literal-fs-filename', 'CWE-22', 'Detected a call to fs with a non-literal file name.') },
      'semgrep-json': { js: rule('javascript.pathtraversal.javascript_pathtraversal_rule-non-literal-fs-filename', 'CWE-22', 'Detected a call to fs with a non-literal file name.') },
      'snyk-code': { py: rule('python/PT', 'CWE-22', 'Unsanitized input flows into open, where it is used as a path.'), js: rule('javascript/PT', 'CWE-22', 'Unsanitized input flows into fs.readFile, where it is used as a path.') },
    },
    code: { py: 'open(os.path.join(BASE, request.args["file"])).read()', js: 'fs.readFile(path.join(base, req.query.file), done)' },
  },
  {
    id: 'xpath-injection',
    languages: ['js'],
    rules: {
      codeql: { js: rule('js/xpath-injection', 'CWE-643', 'XPath expression depends on a user-provided value.') },
      'semgrep-sarif': { js: rule('rules.lgpl.javascript.xml.rules_lgpl_javascript_xml_rule-node-xpath-injection', 'CWE-643', 'User controlled data in xpath.parse() can result in XPATH injection.') },
      'semgrep-json': { js: rule('rules.lgpl.javascript.xml.rules_lgpl_javascript_xml_rule-node-xpath-injection', 'CWE-643', 'User controlled data in xpath.parse() can result in XPATH injection.') },
      'snyk-code': { js: rule('javascript/XpathInjection', 'CWE-643', 'Unsanitized input flows into xpath.select.') },
    },
    code: { py: '', js: 'xpath.select("//user[name/text()=\'" + req.query.user + "\']", doc)' },
  },
  {
    id: 'hardcoded-secret',
    languages: ['py', 'js'],
    rules: {
      codeql: { js: rule('js/hardcoded-credentials', 'CWE-798', 'The hard-coded value is used as a key.') },
      'semgrep-sarif': { js: rule('rules.lgpl.javascript.jwt.rules_lgpl_javascript_jwt_rule-hardcoded-jwt-secret', 'CWE-798', 'Hardcoded JWT secret was found.') },
      'semgrep-json': { js: rule('rules.lgpl.javascript.jwt.rules_lgpl_javascript_jwt_rule-hardcoded-jwt-secret', 'CWE-798', 'Hardcoded JWT secret was found.') },
      'snyk-code': { py: rule('python/HardcodedNonCryptoSecret', 'CWE-547', 'Avoid hardcoding values that are meant to be secret.'), js: rule('javascript/HardcodedNonCryptoSecret', 'CWE-547', 'Avoid hardcoding values that are meant to be secret.') },
      bandit: { py: rule('B105', 'CWE-259', "Possible hardcoded password: 'hunter2'") },
    },
    code: { py: 'SECRET_KEY = "hunter2-not-a-real-key"', js: 'jwt.sign(payload, "hunter2-not-a-real-key")' },
  },
  {
    id: 'swallowed-exception',
    languages: ['py'],
    rules: {
      codeql: { py: rule('py/empty-except', 'CWE-390', "'except' clause does nothing but pass and there is no explanatory comment.") },
      bandit: { py: rule('B110', 'CWE-703', 'Try, Except, Pass detected.') },
    },
    code: { py: 'except:', js: '' },
  },
  {
    id: 'broad-exception-catch',
    languages: ['py'],
    rules: {
      codeql: { py: rule('com.lgtm/python-queries:py/catch-base-exception', 'CWE-396', "Except block directly handles BaseException.") },
    },
    code: { py: 'except:', js: '' },
  },
];

export function weaknessById(id: string): Weakness {
  const weakness = WEAKNESSES.find((candidate) => candidate.id === id);
  if (weakness === undefined) {
    throw new Error(`unknown weakness ${id}`);
  }
  return weakness;
}

/** Tools that detect a weakness in a language. */
export function toolsFor(weakness: Weakness, language: 'py' | 'js'): CodeTool[] {
  return (Object.keys(weakness.rules) as CodeTool[]).filter((tool) => weakness.rules[tool]?.[language] !== undefined);
}
