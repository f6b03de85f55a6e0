//! A look at the first bytes of an input before anything is stored: empty input, UTF-16 and
//! binary data are refused whole, with one clear sentence.

use super::Unusable;

/// How many leading bytes are examined.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// Refuses input that cannot be UTF-8 text in any useful sense.
pub(crate) fn check(head: &[u8]) -> Result<(), Unusable> {
    if head.is_empty() {
        return Err(Unusable("is empty".into()));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(Unusable("is UTF-16 (has a UTF-16 byte order mark); umis reads UTF-8".into()));
    }
    let sample = &head[..head.len().min(4096)];
    let nul_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let half = sample.len() / 2;
    if half >= 4 && (nul_at(0) * 10 > half * 4 || nul_at(1) * 10 > half * 4) {
        return Err(Unusable("looks like UTF-16 (every other byte is NUL); umis reads UTF-8".into()));
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')).count();
    if control * 20 > head.len() {
        return Err(Unusable("is binary data, not UTF-8 text".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_text() {
        assert!(check(b"").is_err());
        assert!(check(&[0xFF, 0xFE, b'a', 0]).is_err());
        let utf16: Vec<u8> = "record_id,direction\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(check(&utf16).is_err());
        let random: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(check(&random).is_err());
        assert!(check("record_id,direction\nA,entry\n".as_bytes()).is_ok());
        assert!(check(b"a,b\nM\xdcLLER,x\n").is_ok(), "Latin-1 is refused row by row, not whole");
    }
}
