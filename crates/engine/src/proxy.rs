//! `trust proxy`: which addresses Express believes. Ports `proxy-addr` (with the parts of
//! `ipaddr.js` it uses) and `forwarded`, behind `req.ip`, `req.ips`, `req.protocol` and
//! `req.host`, plus Node's `net.isIP` used by `req.subdomains`.

/// An address as `ipaddr.js` models it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ip {
    V4([u8; 4]),
    V6([u16; 8]),
}

/// `parseInt(s)` with ipaddr's radix rule: `0x..` hex, a leading `0` octal, else decimal.
/// Like `parseInt`, it reads the longest valid prefix.
fn parse_int_auto(s: &str) -> Option<u64> {
    let lower = s.to_ascii_lowercase();
    let (digits, radix) = if let Some(h) = lower.strip_prefix("0x") {
        (h.to_string(), 16)
    } else if lower.starts_with('0') {
        (lower, 8)
    } else {
        (lower, 10)
    };
    let valid: String = digits.chars().take_while(|c| c.is_digit(radix)).collect();
    if valid.is_empty() {
        return None;
    }
    u64::from_str_radix(&valid, radix).ok()
}

/// An `ipv4Part` of ipaddr's regexes: `0?\d+` or `0x[a-f0-9]+`.
fn is_v4_part(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    match lower.strip_prefix("0x") {
        Some(h) => !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()),
    }
}

fn parse_v4(s: &str) -> Option<[u8; 4]> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 4 && parts.iter().all(|p| is_v4_part(p)) {
        let mut out = [0u8; 4];
        for (o, p) in out.iter_mut().zip(&parts) {
            *o = u8::try_from(parse_int_auto(p)?).ok()?;
        }
        return Some(out);
    }
    if parts.len() == 1 && is_v4_part(s) {
        let v = u32::try_from(parse_int_auto(s)?).ok()?;
        return Some(v.to_be_bytes());
    }
    None
}

fn parse_v6(s: &str) -> Option<[u16; 8]> {
    if !s.contains(':') {
        return None;
    }
    let (addr, zone) = match s.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (s, None),
    };
    if zone.is_some_and(|z| z.is_empty() || !z.bytes().all(|b| b.is_ascii_alphanumeric())) {
        return None;
    }
    // An embedded IPv4 address takes the last two groups.
    let (head, tail): (&str, Option<[u8; 4]>) = match addr.rfind(':') {
        Some(i) if addr[i + 1..].contains('.') => {
            let v4 = &addr[i + 1..];
            let octets: Vec<&str> = v4.split('.').collect();
            if octets.len() != 4 || !octets.iter().all(|p| is_v4_part(p)) {
                return None;
            }
            let mut out = [0u8; 4];
            for (o, p) in out.iter_mut().zip(&octets) {
                *o = u8::try_from(p.parse::<u64>().ok()?).ok()?;
            }
            // Keep one colon of a trailing `::` with the head.
            let cut = if addr[..i].ends_with(':') { i + 1 } else { i };
            (&addr[..cut], Some(out))
        }
        _ => (addr, None),
    };
    let groups = if tail.is_some() { 6 } else { 8 };
    if head.matches("::").count() > 1 || head.contains(":::") {
        return None;
    }
    let group = |g: &str| -> Option<u16> {
        if g.is_empty() || !g.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u16::try_from(u64::from_str_radix(g, 16).ok()?).ok()
    };
    let mut parts: Vec<u16> = Vec::with_capacity(8);
    match head.split_once("::") {
        Some((left, right)) => {
            let l: Vec<&str> = if left.is_empty() {
                vec![]
            } else {
                left.split(':').collect()
            };
            let r: Vec<&str> = if right.is_empty() {
                vec![]
            } else {
                right.split(':').collect()
            };
            if l.len() + r.len() > groups {
                return None;
            }
            for g in &l {
                parts.push(group(g)?);
            }
            parts.resize(groups - r.len(), 0);
            for g in &r {
                parts.push(group(g)?);
            }
        }
        None => {
            if head.is_empty() && tail.is_some() {
                return None;
            }
            for g in head.split(':') {
                parts.push(group(g)?);
            }
            if parts.len() != groups {
                return None;
            }
        }
    }
    if let Some(o) = tail {
        parts.push(u16::from(o[0]) << 8 | u16::from(o[1]));
        parts.push(u16::from(o[2]) << 8 | u16::from(o[3]));
    }
    parts.try_into().ok()
}

impl Ip {
    /// `ipaddr.parse(s)` for what `ipaddr.isValid(s)` accepts.
    pub fn parse(s: &str) -> Option<Ip> {
        parse_v6(s).map(Ip::V6).or_else(|| parse_v4(s).map(Ip::V4))
    }

    fn is_v4_mapped(&self) -> bool {
        matches!(self, Ip::V6([0, 0, 0, 0, 0, 0xffff, _, _]))
    }

    fn to_v4(self) -> Ip {
        match self {
            Ip::V6(p) => Ip::V4([(p[6] >> 8) as u8, p[6] as u8, (p[7] >> 8) as u8, p[7] as u8]),
            v4 => v4,
        }
    }

    fn to_v4_mapped(self) -> Ip {
        match self {
            Ip::V4(o) => Ip::V6([
                0,
                0,
                0,
                0,
                0,
                0xffff,
                u16::from(o[0]) << 8 | u16::from(o[1]),
                u16::from(o[2]) << 8 | u16::from(o[3]),
            ]),
            v6 => v6,
        }
    }

    fn bits(&self) -> u128 {
        match self {
            Ip::V4(o) => u128::from(u32::from_be_bytes(*o)) << 96,
            Ip::V6(p) => p.iter().fold(0u128, |acc, g| acc << 16 | u128::from(*g)),
        }
    }

    /// `ip.match(subnet, bits)`: the first `bits` bits are equal (same kind only).
    fn matches(&self, other: &Ip, bits: u32) -> bool {
        if std::mem::discriminant(self) != std::mem::discriminant(other) {
            return false;
        }
        if bits == 0 {
            return true;
        }
        let mask = u128::MAX << (128 - bits.min(128));
        self.bits() & mask == other.bits() & mask
    }
}

/// A trusted network: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subnet {
    ip: Ip,
    bits: u32,
}

/// A compiled `trust proxy` setting (a function setting stays in JavaScript).
#[derive(Debug, Clone, PartialEq)]
pub enum Trust {
    /// `true`: every hop.
    All,
    /// A number: the first `n` hops from the server.
    Hops(f64),
    /// Addresses, networks and names (`loopback`, ...); empty trusts nothing.
    Subnets(Vec<Subnet>),
}

/// IPv4 netmask to prefix length (`prefixLengthFromSubnetMask`), `None` when not contiguous.
fn prefix_from_netmask(o: [u8; 4]) -> Option<u32> {
    let mut cidr = 0;
    let mut stop = false;
    for byte in o.iter().rev() {
        let zeros = match byte {
            0 => 8,
            128 => 7,
            192 => 6,
            224 => 5,
            240 => 4,
            248 => 3,
            252 => 2,
            254 => 1,
            255 => 0,
            _ => return None,
        };
        if stop && zeros != 0 {
            return None;
        }
        if zeros != 8 {
            stop = true;
        }
        cidr += zeros;
    }
    Some(32 - cidr)
}

/// `parseipNotation`: `10.0.0.0/8`, `10.0.0.0/255.0.0.0`, `::1`, with proxy-addr's errors.
fn parse_notation(note: &str) -> Result<Subnet, String> {
    let (addr, range) = match note.rfind('/') {
        Some(p) => (&note[..p], Some(&note[p + 1..])),
        None => (note, None),
    };
    let mut ip = Ip::parse(addr).ok_or_else(|| format!("invalid IP address: {addr}"))?;
    if range.is_none() && ip.is_v4_mapped() {
        ip = ip.to_v4();
    }
    let max = if matches!(ip, Ip::V6(_)) { 128 } else { 32 };
    let bits = match range {
        None => Some(max),
        Some(r) if !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()) => {
            Some(r.parse::<u32>().unwrap_or(u32::MAX))
        }
        Some(r) => match (ip, Ip::parse(r)) {
            (Ip::V4(_), Some(Ip::V4(mask))) => prefix_from_netmask(mask),
            _ => None,
        },
    };
    match bits {
        Some(b) if b > 0 && b <= max => Ok(Subnet { ip, bits: b }),
        _ => Err(format!("invalid range on address: {note}")),
    }
}

/// `proxyaddr.compile(list)`: names expand to their ranges; errors are proxy-addr's texts.
pub fn compile(list: &[String]) -> Result<Trust, String> {
    let mut subnets = Vec::new();
    for item in list {
        let expanded: &[&str] = match item.as_str() {
            "linklocal" => &["169.254.0.0/16", "fe80::/10"],
            "loopback" => &["127.0.0.1/8", "::1/128"],
            "uniquelocal" => &["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
            other => {
                subnets.push(parse_notation(other)?);
                continue;
            }
        };
        for note in expanded {
            subnets.push(parse_notation(note)?);
        }
    }
    Ok(Trust::Subnets(subnets))
}

impl Trust {
    /// Express's `compileTrust` for a string: comma-separated, trimmed.
    pub fn from_setting_str(value: &str) -> Result<Trust, String> {
        let list: Vec<String> = value.split(',').map(|v| v.trim().to_string()).collect();
        compile(&list)
    }

    /// `trust(addr, i)`: is the hop at distance `i` trusted?
    pub fn trusts(&self, addr: &str, i: usize) -> bool {
        match self {
            Trust::All => true,
            Trust::Hops(n) => (i as f64) < *n,
            Trust::Subnets(subnets) => {
                let Some(mut ip) = Ip::parse(addr) else {
                    return false;
                };
                if ip.is_v4_mapped() {
                    ip = ip.to_v4();
                }
                subnets.iter().any(|s| subnet_trusts(s, ip))
            }
        }
    }
}

fn subnet_trusts(subnet: &Subnet, ip: Ip) -> bool {
    let subnet_v4 = matches!(subnet.ip, Ip::V4(_));
    let ip_v4 = matches!(ip, Ip::V4(_));
    let ip = if subnet_v4 != ip_v4 {
        if subnet_v4 {
            // A v6 address here is never v4-mapped (those became v4 above).
            return false;
        }
        if !(subnet.bits >= 96 && subnet.ip.is_v4_mapped()) {
            return false;
        }
        ip.to_v4_mapped()
    } else {
        if !ip_v4 && subnet.ip.is_v4_mapped() {
            return false;
        }
        ip
    };
    ip.matches(&subnet.ip, subnet.bits)
}

/// The `forwarded` package: X-Forwarded-For entries, closest proxy first.
pub fn forwarded(header: &str) -> Vec<String> {
    let b = header.as_bytes();
    let mut list = Vec::new();
    let mut end = b.len();
    let mut start = b.len();
    for i in (0..b.len()).rev() {
        match b[i] {
            b' ' => {
                if start == end {
                    start = i;
                    end = i;
                }
            }
            b',' => {
                if start != end {
                    list.push(header[start..end].to_string());
                }
                start = i;
                end = i;
            }
            _ => start = i,
        }
    }
    if start != end {
        list.push(header[start..end].to_string());
    }
    list
}

/// `proxyaddr.all(req, trust)`: the socket address, then every trusted hop's client.
pub fn all_addrs(socket: &str, x_forwarded_for: Option<&str>, trust: &Trust) -> Vec<String> {
    let mut addrs = vec![socket.to_string()];
    addrs.extend(forwarded(x_forwarded_for.unwrap_or("")));
    for i in 0..addrs.len().saturating_sub(1) {
        if !trust.trusts(&addrs[i], i) {
            addrs.truncate(i + 1);
            break;
        }
    }
    addrs
}

/// Node's `net.isIP`: 4, 6 or 0 (strict dotted decimal; IPv6 with an optional zone).
pub fn is_ip(s: &str) -> u8 {
    let v4 = |s: &str| {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == 4
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 3
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && (p.len() == 1 || !p.starts_with('0'))
                    && p.parse::<u16>().is_ok_and(|n| n <= 255)
            })
    };
    if v4(s) {
        return 4;
    }
    let (addr, zone) = match s.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (s, None),
    };
    let zone_ok = zone.is_none_or(|z| {
        !z.is_empty()
            && z.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
    });
    if zone_ok && addr.parse::<std::net::Ipv6Addr>().is_ok() {
        return 6;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// `proxyaddr.all({ socket: { remoteAddress }, headers }, trust)` on Node (proxy-addr
    /// 2.0.8, ipaddr.js 1.9.1); the trust column is what Express's compileTrust was given.
    #[test]
    fn all_addrs_match_proxy_addr() {
        let xff = Some("203.0.113.7, 198.51.100.2");
        let cases: &[(&str, Option<&str>, Trust, &[&str])] = &[
            (
                "::1",
                xff,
                Trust::All,
                &["::1", "198.51.100.2", "203.0.113.7"],
            ),
            ("::1", xff, Trust::Subnets(vec![]), &["::1"]),
            ("::1", xff, Trust::Hops(1.0), &["::1", "198.51.100.2"]),
            ("::1", None, Trust::All, &["::1"]),
            (
                "::1",
                xff,
                compile(&s(&["loopback"])).unwrap(),
                &["::1", "198.51.100.2"],
            ),
            (
                "127.0.0.1",
                xff,
                compile(&s(&["loopback", "198.51.100.0/24"])).unwrap(),
                &["127.0.0.1", "198.51.100.2", "203.0.113.7"],
            ),
            (
                "::ffff:127.0.0.1",
                xff,
                compile(&s(&["127.0.0.1"])).unwrap(),
                &["::ffff:127.0.0.1", "198.51.100.2"],
            ),
            (
                "10.1.2.3",
                xff,
                compile(&s(&["uniquelocal"])).unwrap(),
                &["10.1.2.3", "198.51.100.2"],
            ),
            (
                "10.1.2.3",
                xff,
                compile(&s(&["10.0.0.0/255.0.0.0"])).unwrap(),
                &["10.1.2.3", "198.51.100.2"],
            ),
            ("::1", Some(" a , ,b,"), Trust::All, &["::1", "b", "a"]),
        ];
        for (socket, xff, trust, want) in cases {
            assert_eq!(
                all_addrs(socket, *xff, trust),
                s(want),
                "{socket} {trust:?}"
            );
        }
    }

    /// proxy-addr's TypeError texts for settings it cannot compile.
    #[test]
    fn compile_errors() {
        assert_eq!(
            compile(&s(&["nope"])),
            Err("invalid IP address: nope".into())
        );
        assert_eq!(
            compile(&s(&["10.0.0.1/33"])),
            Err("invalid range on address: 10.0.0.1/33".into())
        );
        assert_eq!(
            compile(&s(&["10.0.0.1/0"])),
            Err("invalid range on address: 10.0.0.1/0".into())
        );
        assert_eq!(
            compile(&s(&["10.0.0.1/255.0.255.0"])),
            Err("invalid range on address: 10.0.0.1/255.0.255.0".into())
        );
    }

    /// `ipaddr.isValid(s)` on Node (ipaddr.js 1.9.1).
    #[test]
    fn ipaddr_validity() {
        let cases: &[(&str, bool)] = &[
            ("127.0.0.1", true),
            ("::1", true),
            ("::ffff:127.0.0.1", true),
            ("fe80::1%eth0", true),
            ("1", true),
            ("0x7f.0.0.1", true),
            ("256.0.0.1", false),
            ("1:2:3:4:5:6:7:8:9", false),
            ("1::2::3", false),
            ("localhost", false),
            ("", false),
        ];
        for (input, want) in cases {
            assert_eq!(Ip::parse(input).is_some(), *want, "{input}");
        }
    }

    /// `require('net').isIP(s)` on Node.
    #[test]
    fn node_is_ip() {
        let cases: &[(&str, u8)] = &[
            ("127.0.0.1", 4),
            ("::1", 6),
            ("fe80::1%eth0", 6),
            ("01.0.0.1", 0),
            ("tobi.ferrets.example.com", 0),
            ("1", 0),
        ];
        for (input, want) in cases {
            assert_eq!(is_ip(input), *want, "{input}");
        }
    }
}
