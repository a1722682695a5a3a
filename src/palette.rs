//! Event colours shared by the reader and the HTML export, so an event has the same tint in
//! both. Tints are chosen to keep text readable: a dark and a light variant of each hue, used as
//! background behind default-coloured text on dark and light themes respectively.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Background tints for dark terminals: deep, low-saturation hues under light text.
pub const DARK_TINTS: &[Rgb] = &[
    Rgb(0x1f, 0x3a, 0x5f),
    Rgb(0x4a, 0x2c, 0x12),
    Rgb(0x1e, 0x4d, 0x2b),
    Rgb(0x5a, 0x1e, 0x2e),
    Rgb(0x3d, 0x2a, 0x5c),
    Rgb(0x4d, 0x45, 0x12),
    Rgb(0x12, 0x4a, 0x4a),
    Rgb(0x55, 0x2a, 0x4a),
];

/// Background tints for light terminals and pages: pale hues under dark text.
pub const LIGHT_TINTS: &[Rgb] = &[
    Rgb(0xcf, 0xe2, 0xf7),
    Rgb(0xfb, 0xdd, 0xc0),
    Rgb(0xcd, 0xef, 0xd4),
    Rgb(0xf8, 0xcf, 0xd8),
    Rgb(0xe0, 0xd4, 0xf5),
    Rgb(0xf3, 0xec, 0xb8),
    Rgb(0xc4, 0xec, 0xec),
    Rgb(0xf1, 0xd0, 0xea),
];

/// The tint of the event at `index` (events cycle through the palette).
pub fn tint(index: usize, dark: bool) -> Rgb {
    let tints = if dark { DARK_TINTS } else { LIGHT_TINTS };
    tints[index % tints.len()]
}
