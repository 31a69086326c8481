/**
 * The load test's traffic: a seeded mix of what a SIEM receives all day (Windows logons and process starts, Entra
 * sign-ins, firewall CEF flows, CloudTrail calls, sshd syslog) over 50,000 accounts and 5,000 hosts, with attacks
 * mixed in at random moments. Every attack is one request that completes a built-in rule's condition, and carries
 * a marker (an account, user or address used by nothing else) so the alert it raises can be told apart and its
 * event-to-alert latency measured from that request's acknowledgment.
 */
import { SeededRandom } from "../fixtures/random.ts";

/** One HTTP request of the load: rows for a table (table ingest) or CEF lines (the `cef` connector). */
export interface LoadRequest {
  readonly path: string;
  readonly body: string;
  readonly contentType: string;
  /** Rows (or lines) in the body. */
  readonly events: number;
  readonly table: string;
  /** Set on attacks: the rule it must trigger and the text that appears in that alert. */
  readonly attack?: { readonly rule: string; readonly marker: string };
}

/** What the generator needs to know. */
export interface TrafficOptions {
  readonly seed?: number;
  readonly accounts?: number;
  readonly hosts?: number;
  /** Rows per background request. */
  readonly batchSize?: number;
  /** Chance that a request is an attack instead of background. */
  readonly attackRate?: number;
}

const LOCATIONS = ["US", "GB", "DE", "FR", "NL", "JP", "BR", "IN", "AU", "CA"];
const APPS = ["Office 365 Exchange Online", "Azure Portal", "Microsoft Teams", "SharePoint Online"];
const PROCESSES = [
  "C:\\Windows\\System32\\svchost.exe",
  "C:\\Windows\\explorer.exe",
  "C:\\Program Files\\app.exe",
];

/** An endless, seeded stream of load requests; `now` stamps events with the wall clock at send time. */
export class Traffic {
  readonly #random: SeededRandom;
  readonly #accounts: number;
  readonly #hosts: number;
  readonly #batch: number;
  readonly #attackRate: number;
  #attacks = 0;

  constructor(options: TrafficOptions = {}) {
    this.#random = new SeededRandom(options.seed ?? 7);
    this.#accounts = options.accounts ?? 50_000;
    this.#hosts = options.hosts ?? 5_000;
    this.#batch = options.batchSize ?? 200;
    this.#attackRate = options.attackRate ?? 0.05;
  }

  /** How many attacks were generated so far. */
  get attacks(): number {
    return this.#attacks;
  }

  /** The next request, with events stamped at `now`. */
  next(now: Date): LoadRequest {
    if (this.#random.next() < this.#attackRate) return this.#attack(now);
    const r = this.#random.next();
    if (r < 0.45) return this.#securityEvents(now);
    if (r < 0.65) return this.#signins(now);
    if (r < 0.85) return this.#cef(now);
    if (r < 0.93) return this.#cloudTrail(now);
    return this.#syslog(now);
  }

  #account(): string {
    return `user${this.#random.int(this.#accounts)}`;
  }

  #host(): string {
    return `host${this.#random.int(this.#hosts)}.contoso.com`;
  }

  #ip(prefix = "10"): string {
    const r = this.#random;
    return `${prefix}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
  }

  #json(table: string, rows: Record<string, unknown>[], attack?: LoadRequest["attack"]): LoadRequest {
    return {
      path: `/api/v1/ingest/${table}`,
      body: JSON.stringify(rows),
      contentType: "application/json",
      events: rows.length,
      table,
      ...(attack ? { attack } : {}),
    };
  }

  #logon(now: Date, id: number, account: string, host: string, ip: string): Record<string, unknown> {
    return {
      TimeGenerated: now.toISOString(),
      EventID: id,
      Activity: id === 4624
        ? "4624 - An account was successfully logged on."
        : "4625 - An account failed to log on.",
      Computer: host,
      Account: `CONTOSO\\${account}`,
      TargetAccount: `CONTOSO\\${account}`,
      TargetUserName: account,
      TargetDomainName: "CONTOSO",
      AccountType: "User",
      IpAddress: ip,
      LogonType: 3,
    };
  }

  #securityEvents(now: Date): LoadRequest {
    const rows = Array.from({ length: this.#batch }, () => {
      const r = this.#random.next();
      if (r < 0.2) {
        return {
          TimeGenerated: now.toISOString(),
          EventID: 4688,
          Computer: this.#host(),
          Account: `CONTOSO\\${this.#account()}`,
          AccountType: "User",
          NewProcessName: this.#random.pick(PROCESSES),
          CommandLine: "svchost.exe -k netsvcs",
        };
      }
      return this.#logon(now, r < 0.9 ? 4624 : 4625, this.#account(), this.#host(), this.#ip());
    });
    return this.#json("SecurityEvent", rows);
  }

  #signin(
    now: Date,
    user: string,
    resultType: string,
    location: string,
    ip: string,
  ): Record<string, unknown> {
    return {
      TimeGenerated: now.toISOString(),
      UserPrincipalName: `${user}@contoso.com`,
      UserDisplayName: user,
      ResultType: resultType,
      ResultDescription: resultType === "0" ? "" : "Invalid username or password.",
      Location: location,
      IPAddress: ip,
      AppDisplayName: this.#random.pick(APPS),
    };
  }

  #signins(now: Date): LoadRequest {
    const rows = Array.from({ length: this.#batch }, () => {
      const failed = this.#random.next() < 0.1;
      return this.#signin(
        now,
        this.#account(),
        failed ? "50126" : "0",
        this.#random.pick(LOCATIONS),
        this.#ip("20"),
      );
    });
    return this.#json("SigninLogs", rows);
  }

  #cefLine(src: string, dst: string, port: number, action: string): string {
    return `CEF:0|Palo Alto Networks|PAN-OS|10.1|end|TRAFFIC|1|src=${src} dst=${dst} dpt=${port} proto=TCP act=${action}`;
  }

  #cefRequest(lines: string[], attack?: LoadRequest["attack"]): LoadRequest {
    return {
      path: "/api/v1/connectors/cef",
      body: lines.join("\n"),
      contentType: "text/plain",
      events: lines.length,
      table: "CommonSecurityLog",
      ...(attack ? { attack } : {}),
    };
  }

  #cef(_now: Date): LoadRequest {
    const ports = [443, 80, 53, 22, 3389, 445, 8080];
    const lines = Array.from(
      { length: this.#batch },
      () => this.#cefLine(this.#ip(), this.#ip("172"), this.#random.pick(ports), "allow"),
    );
    return this.#cefRequest(lines);
  }

  #trail(
    now: Date,
    event: string,
    type: string,
    user: string,
    ip: string,
    extra = {},
  ): Record<string, unknown> {
    return {
      TimeGenerated: now.toISOString(),
      EventName: event,
      EventSource: "signin.amazonaws.com",
      EventTypeName: "AwsApiCall",
      UserIdentityType: type,
      UserIdentityUserName: user,
      UserIdentityArn: `arn:aws:iam::123456789012:user/${user}`,
      UserIdentityAccountId: "123456789012",
      SourceIpAddress: ip,
      AWSRegion: "eu-west-1",
      ...extra,
    };
  }

  #cloudTrail(now: Date): LoadRequest {
    const rows = Array.from(
      { length: Math.max(1, this.#batch >> 2) },
      () =>
        this.#trail(
          now,
          this.#random.pick(["DescribeInstances", "GetObject", "ListBuckets"]),
          "IAMUser",
          this.#account(),
          this.#ip("30"),
        ),
    );
    return this.#json("AWSCloudTrail", rows);
  }

  #sshLine(now: Date, user: string, ip: string, host: string): Record<string, unknown> {
    return {
      TimeGenerated: now.toISOString(),
      Computer: host,
      HostName: host,
      Facility: "auth",
      SeverityLevel: "info",
      ProcessName: "sshd",
      SyslogMessage: `Failed password for ${user} from ${ip} port 52144 ssh2`,
    };
  }

  #syslog(now: Date): LoadRequest {
    const rows = Array.from({ length: Math.max(1, this.#batch >> 2) }, () => ({
      TimeGenerated: now.toISOString(),
      Computer: this.#host(),
      HostName: this.#host(),
      Facility: "daemon",
      SeverityLevel: "info",
      ProcessName: "systemd",
      SyslogMessage: "Started Session of user.",
    }));
    return this.#json("Syslog", rows);
  }

  #attack(now: Date): LoadRequest {
    const n = this.#attacks++;
    const kind = n % 6;
    if (kind === 0) {
      const marker = `bruteforced${n}`;
      const host = this.#host();
      const ip = this.#ip();
      const rows = Array.from({ length: 25 }, () => this.#logon(now, 4625, marker, host, ip));
      return this.#json("SecurityEvent", rows, { rule: "Windows brute force against one account", marker });
    }
    if (kind === 1) {
      const marker = `10.250.${n >> 8 & 255}.${n & 255}`;
      const rows = Array.from(
        { length: 12 },
        (_, i) => this.#logon(now, 4625, `spray${n}x${i}`, this.#host(), marker),
      );
      return this.#json("SecurityEvent", rows, { rule: "Windows password spray from one source", marker });
    }
    if (kind === 2) {
      const marker = `victim${n}`;
      const rows = Array.from({ length: 12 }, () => this.#signin(now, marker, "50126", "RU", this.#ip("40")));
      return this.#json("SigninLogs", rows, {
        rule: "Entra ID sign-in failures for one user from one location",
        marker,
      });
    }
    if (kind === 3) {
      const marker = `10.251.${n >> 8 & 255}.${n & 255}`;
      const lines = Array.from(
        { length: 30 },
        (_, i) => this.#cefLine(marker, this.#ip("172"), 1000 + i, "deny"),
      );
      return this.#cefRequest(lines, { rule: "Port scan seen by a firewall", marker });
    }
    if (kind === 4) {
      const marker = `consoleuser${n}`;
      const row = this.#trail(now, "ConsoleLogin", "IAMUser", marker, this.#ip("30"), {
        AdditionalEventData: JSON.stringify({ MFAUsed: "No" }),
        ResponseElements: JSON.stringify({ ConsoleLogin: "Success" }),
      });
      return this.#json("AWSCloudTrail", [row], { rule: "AWS console login without MFA", marker });
    }
    const marker = `10.252.${n >> 8 & 255}.${n & 255}`;
    const host = this.#host();
    const rows = Array.from({ length: 16 }, (_, i) => this.#sshLine(now, `root${i}`, marker, host));
    return this.#json("Syslog", rows, { rule: "SSH brute force against a Linux host", marker });
  }
}
