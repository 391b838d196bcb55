//! Numbers as moat reads and writes them, in one place: amounts as people type them,
//! answers as typed, thousands grouped, one decimal for scores, small figures, and the
//! ten-cell score bar.

use std::fmt::Write as _;

/// A number as a person writes it: no trailing `.0`, and `1e308` rather than 309 digits.
pub fn format_number(n: f64) -> String {
    if n.abs() >= 1e15 {
        format!("{n:e}")
    } else if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `42000` as `42,000`; fractions keep up to two decimals.
pub fn group_thousands(n: f64) -> String {
    let formatted = if n.fract() == 0.0 { format_number(n) } else { format!("{n:.2}") };
    // Exponent form (1e15 and up) has no thousands to group: `2e15`, never `2,e15`.
    if formatted.contains('e') {
        return formatted;
    }
    let (sign, rest) = formatted.strip_prefix('-').map_or(("", formatted.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `n` to one decimal, as every score is printed (`61.5`; docs/scoring.md 5.1.10).
pub fn one_decimal(n: f64) -> String {
    let mut out = String::with_capacity(8);
    push_one_decimal(&mut out, n);
    out
}

/// Append `format!("{n:.1}")` to `out`; a report prints some two hundred of these, and
/// the general formatter was a twentieth of the time it takes to write one.
pub fn push_one_decimal(out: &mut String, n: f64) {
    let tenths = n * 10.0;
    // `tenths` is within a billionth of 10·n here, so unless it sits on a half its
    // rounding is the exact one. Halves, huge values, NaN and infinities go the slow way.
    let off_half = ((tenths - tenths.trunc()).abs() - 0.5).abs() > 1e-6;
    if n.abs() < 1e6 && off_half {
        let rounded = tenths.abs().round() as u64;
        if n.is_sign_negative() {
            out.push('-');
        }
        push_whole(out, rounded / 10);
        out.push('.');
        out.push(char::from(b'0' + (rounded % 10) as u8));
    } else {
        let _ = write!(out, "{n:.1}");
    }
}

/// Append the digits of `n`, without the formatting machinery.
pub fn push_whole(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// A small number as written, to two decimals at most (`2`, `1.5`), or an en dash.
pub fn pts(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |n| format_number((n * 100.0).round() / 100.0))
}

/// A ten-cell bar, one cell per 10 points (rounded), dots when not assessed.
pub fn bar(score: Option<f64>) -> String {
    match score {
        Some(s) => {
            let filled = ((s.clamp(0.0, 100.0) / 10.0).round()) as usize;
            format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
        }
        None => "·".repeat(10),
    }
}

/// Why a typed amount was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum AmountError {
    NotANumber,
    /// A comma that cannot be a thousands separator (`1,5m`): the amount with a point
    /// instead, which is what the person probably meant.
    DecimalComma(String),
}

/// Read an amount as people type it: `42000`, `42,000`, `42 000`, `42k`, `1.5m`, `2b`,
/// after a sign and a currency symbol (`$8,000`, `-$5k`, `€1.5m`, `¥300万`), and in
/// Chinese `3万`, `1.2亿`, `4.2万元`. A comma groups thousands only in groups of three
/// (`1,234,567`); `1,5m` is refused with the point it probably meant, never read as
/// 15 million.
///
/// `moat ask` reads typed numbers with it, and the web form of `moat form` with a copy
/// in JavaScript (`assets/form/logic.js`, `amount`); a browser test holds the two to
/// the same answers, bit for bit.
pub fn parse_amount(input: &str) -> Result<f64, AmountError> {
    let trimmed = input.trim();
    let cleaned = without_separators(trimmed);
    // A sign, then a currency symbol: `-$5k`.
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let unsigned = unsigned.strip_prefix(CURRENCY_SYMBOLS).unwrap_or(unsigned);
    let unsigned = unsigned.strip_suffix('元').unwrap_or(unsigned);
    let (number, factor) = match unsigned.chars().last() {
        Some('k' | 'K') => (&unsigned[..unsigned.len() - 1], 1e3),
        Some('m' | 'M') => (&unsigned[..unsigned.len() - 1], 1e6),
        Some('b' | 'B') => (&unsigned[..unsigned.len() - 1], 1e9),
        Some('万') => (&unsigned[..unsigned.len() - '万'.len_utf8()], 1e4),
        Some('亿') => (&unsigned[..unsigned.len() - '亿'.len_utf8()], 1e8),
        _ => (unsigned, 1.0),
    };
    // Only plain decimal digits: `inf`, `NaN` and `1e9` are not amounts anyone types.
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',')) {
        return Err(AmountError::NotANumber);
    }
    let groups: Vec<&str> = number.split(',').collect();
    if groups.len() > 1 {
        let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        let last = groups.len() - 1;
        let thousands = (1..=3).contains(&groups[0].len())
            && digits(groups[0])
            && groups[1..].iter().enumerate().all(|(i, g)| {
                let (whole, fraction) = g.split_once('.').unwrap_or((g, ""));
                whole.len() == 3 && digits(whole) && (fraction.is_empty() || (i + 1 == last && digits(fraction)))
            });
        if !thousands {
            let decimal = groups.len() == 2 && digits(groups[0]) && digits(groups[1]);
            return Err(match decimal {
                true => AmountError::DecimalComma(trimmed.replacen(',', ".", 1).replacen('，', ".", 1)),
                false => AmountError::NotANumber,
            });
        }
    }
    let value = number.replace(',', "").parse::<f64>().map_err(|_| AmountError::NotANumber)? * factor;
    let value = if negative { -value } else { value };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(AmountError::NotANumber)
    }
}

/// The currency symbols an amount may start with (after its sign).
const CURRENCY_SYMBOLS: [char; 5] = ['$', '€', '£', '¥', '￥'];

/// `input` without the spaces and underscores people group digits with, and with a
/// full-width comma read as a comma.
fn without_separators(input: &str) -> String {
    input
        .chars()
        .filter(|c| !matches!(c, '_' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
        .map(|c| if c == '，' { ',' } else { c })
        .collect()
}

/// The currency an amount was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Dollar,
    Euro,
    Pound,
    /// `¥`, `￥` or `元`: yuan or yen, which the symbol does not tell apart.
    Yen,
}

impl Currency {
    pub fn as_str(self) -> &'static str {
        match self {
            Currency::Dollar => "dollar",
            Currency::Euro => "euro",
            Currency::Pound => "pound",
            Currency::Yen => "yen",
        }
    }

    /// How a unit names this currency, in lower case.
    fn names(self) -> &'static [&'static str] {
        match self {
            Currency::Dollar => &["usd", "$", "dollar", "美元"],
            Currency::Euro => &["eur", "€", "欧元"],
            Currency::Pound => &["gbp", "£", "pound", "英镑"],
            Currency::Yen => &["cny", "rmb", "jpy", "¥", "￥", "yuan", "yen", "人民币", "日元"],
        }
    }
}

/// The currency `input` names by its symbol (after the sign) or a `元` at its end;
/// `None` for a bare number. Read with [`parse_amount`]: `¥300万` is 3,000,000 yen, and
/// a question in US dollars must not take it as dollars (see [`unit_takes`]).
pub fn typed_currency(input: &str) -> Option<Currency> {
    let cleaned = without_separators(input.trim());
    let unsigned = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    match unsigned.chars().next() {
        Some('$') => Some(Currency::Dollar),
        Some('€') => Some(Currency::Euro),
        Some('£') => Some(Currency::Pound),
        Some('¥' | '￥') => Some(Currency::Yen),
        _ if unsigned.ends_with('元') => Some(Currency::Yen),
        _ => None,
    }
}

/// Whether a number question whose unit reads `units` (its texts in every language) is
/// counted in `currency`: the unit names it ("USD / month", "美元/月"). moat converts
/// nothing, so an amount in another currency is refused, never read as the unit's.
pub fn unit_takes(units: &[&str], currency: Currency) -> bool {
    units.iter().any(|unit| {
        let unit = unit.to_lowercase();
        currency.names().iter().any(|name| unit.contains(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_currency_typed_is_read_and_checked_against_the_unit() {
        assert_eq!(typed_currency("¥300万"), Some(Currency::Yen));
        assert_eq!(typed_currency("4.2万元"), Some(Currency::Yen));
        assert_eq!(typed_currency("-$5k"), Some(Currency::Dollar));
        assert_eq!(typed_currency(" € 1.5m"), Some(Currency::Euro));
        assert_eq!(typed_currency("42,000"), None);
        let usd = ["USD / month", "美元/月"];
        assert!(unit_takes(&usd, Currency::Dollar));
        assert!(!unit_takes(&usd, Currency::Yen), "美元 holds 元 but is not yuan");
        assert!(!unit_takes(&usd, Currency::Euro));
        assert!(unit_takes(&["EUR"], Currency::Euro));
        assert!(!unit_takes(&["months", "个月"], Currency::Dollar));
        assert!(!unit_takes(&[], Currency::Dollar));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(42000.0), "42,000");
        assert_eq!(group_thousands(1234567.5), "1,234,567.50");
        assert_eq!(group_thousands(-950.0), "-950");
        assert_eq!(group_thousands(100.0), "100");
    }

    /// Issue 10: thousands grouping ran into the exponent and printed `2,e15`.
    #[test]
    fn huge_numbers_keep_their_exponent_form_ungrouped() {
        assert_eq!(group_thousands(2e15), "2e15");
        assert_eq!(group_thousands(-3.5e20), "-3.5e20");
        assert_eq!(format_number(2e15), "2e15");
    }

    fn one_decimal(n: f64) -> String {
        let mut out = String::new();
        push_one_decimal(&mut out, n);
        out
    }

    proptest::proptest! {
        /// The fast path prints what `{:.1}` prints, near halves and signs included.
        #[test]
        fn one_decimal_matches_the_formatter(
            n in proptest::num::f64::ANY,
            small in -2.0e6..2.0e6f64,
            tenths in -100_000i64..100_000,
            nudge in -1e-9..1e-9f64,
        ) {
            let near_half = tenths as f64 / 10.0 + 0.05 + nudge;
            for x in [n, small, near_half, -near_half, small / 1e6] {
                proptest::prop_assert_eq!(one_decimal(x), format!("{x:.1}"));
            }
        }
    }

    #[test]
    fn whole_numbers_are_written_out() {
        for n in [0, 7, 10, 12_345, u64::MAX] {
            let mut out = String::new();
            push_whole(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn one_decimal_by_hand() {
        for (n, printed) in [(61.54, "61.5"), (0.25, "0.2"), (-0.04, "-0.0"), (99.96, "100.0"), (-12.35, "-12.3")] {
            assert_eq!(one_decimal(n), printed);
            assert_eq!(format!("{n:.1}"), printed);
        }
    }

    #[test]
    fn bars_have_ten_cells() {
        assert_eq!(bar(Some(61.5)), "██████░░░░");
        assert_eq!(bar(Some(100.0)), "██████████");
        assert_eq!(bar(None), "··········");
    }

    #[test]
    fn amounts_parse_the_way_people_type_them() {
        for (input, expected) in [
            ("42000", 42000.0),
            ("42,000", 42000.0),
            ("1,234,567", 1_234_567.0),
            ("42 000", 42000.0),
            ("42k", 42000.0),
            ("1.5m", 1_500_000.0),
            ("2B", 2e9),
            ("3万", 30000.0),
            ("1.2亿", 120_000_000.0),
            ("4.2万元", 42000.0),
            ("-5", -5.0),
            ("$8,000", 8000.0),
            ("€1.5m", 1_500_000.0),
            ("¥ 300万", 3_000_000.0),
            ("$1,250.50", 1250.5),
            ("42，000", 42000.0),
            ("-$5k", -5000.0),
            ("¥5000", 5000.0),
            ("  .5 ", 0.5),
            ("1,000.5", 1000.5),
        ] {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
        for input in [
            "",
            "k",
            "lots",
            "inf",
            "NaN",
            "1e9",
            "4 2 k x",
            "1,2,3",
            "1.5,000",
            "$",
            "$-5",
            "5$",
            "--5",
            "4-2",
            "1.2.3",
            "$$5",
            ",5",
            "1,",
            "1,000.5.5",
            "1,000,00",
        ] {
            assert_eq!(parse_amount(input), Err(AmountError::NotANumber), "{input}");
        }
    }

    #[test]
    fn a_decimal_comma_is_refused_with_the_point_it_meant() {
        assert_eq!(parse_amount("1,5m"), Err(AmountError::DecimalComma("1.5m".into())));
        assert_eq!(parse_amount("2,25"), Err(AmountError::DecimalComma("2.25".into())));
        assert_eq!(parse_amount("1,2345"), Err(AmountError::DecimalComma("1.2345".into())));
    }
}
