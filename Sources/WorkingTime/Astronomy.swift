import CivilTime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two astronomical quantities a Chinese-style lunisolar calendar needs: the instants of
/// new moons and the Sun's apparent longitude.
///
/// The series are the standard ones of Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998):
/// chapter 49 (phases of the Moon, with the periodic and planetary corrections, accurate to a
/// few seconds) and chapter 25 (solar coordinates, low-accuracy method, about 0.01 degree).
/// Dynamical time is converted to universal time with the polynomial fits of Espenak and
/// Meeus (NASA, *Five Millennium Canon of Solar Eclipses*, 2006).
enum Astronomy {
    static let degrees = Double.pi / 180

    /// Julian Ephemeris Day of the new moon with lunation number `k` (k = 0 near 2000-01-06).
    static func newMoonJDE(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        var jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * degrees
        let mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * degrees
        let f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * degrees
        let omega = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * degrees

        var c = -0.40720 * sin(mp)
        c += 0.17241 * e * sin(m)
        c += 0.01608 * sin(2 * mp)
        c += 0.01039 * sin(2 * f)
        c += 0.00739 * e * sin(mp - m)
        c -= 0.00514 * e * sin(mp + m)
        c += 0.00208 * e * e * sin(2 * m)
        c -= 0.00111 * sin(mp - 2 * f)
        c -= 0.00057 * sin(mp + 2 * f)
        c += 0.00056 * e * sin(2 * mp + m)
        c -= 0.00042 * sin(3 * mp)
        c += 0.00042 * e * sin(m + 2 * f)
        c += 0.00038 * e * sin(m - 2 * f)
        c -= 0.00024 * e * sin(2 * mp - m)
        c -= 0.00017 * sin(omega)
        c -= 0.00007 * sin(mp + 2 * m)
        c += 0.00004 * sin(2 * mp - 2 * f)
        c += 0.00004 * sin(3 * m)
        c += 0.00003 * sin(mp + m - 2 * f)
        c += 0.00003 * sin(2 * mp + 2 * f)
        c -= 0.00003 * sin(mp + m + 2 * f)
        c += 0.00003 * sin(mp - m + 2 * f)
        c -= 0.00002 * sin(mp - m - 2 * f)
        c -= 0.00002 * sin(3 * mp + m)
        c += 0.00002 * sin(4 * mp)
        jde += c

        // Planetary arguments (Meeus table 49.A, "additional corrections").
        let planetary: [(Double, Double, Double)] = [
            (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
            (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
            (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
            (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
            (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
        ]
        for (index, term) in planetary.enumerated() {
            var argument = term.0 + term.1 * k
            if index == 0 { argument -= 0.009173 * t2 }
            jde += term.2 * sin(argument * degrees)
        }
        return jde
    }

    /// ΔT = TT − UT in seconds for a decimal year (Espenak–Meeus fits, 1800–2150).
    static func deltaT(year y: Double) -> Double {
        switch y {
        case ..<1860:
            let t = y - 1800
            return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * t * t * t - 0.00037436 * t * t * t * t
                + 0.0000121272 * pow(t, 5) - 0.0000001699 * pow(t, 6) + 0.000000000875 * pow(t, 7)
        case ..<1900:
            let t = y - 1860
            return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t - 0.0004473624 * t * t * t * t
                + pow(t, 5) / 233_174
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t
        case ..<1941:
            let t = y - 1920
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                + 0.00002373599 * pow(t, 5)
        case ..<2050:
            let t = y - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        }
    }

    static func decimalYear(jd: Double) -> Double { 2000 + (jd - 2_451_545.0) / 365.2425 }

    /// Julian Day (UT) of a new moon.
    static func newMoonJD(_ k: Int) -> Double {
        let jde = newMoonJDE(k)
        return jde - deltaT(year: decimalYear(jd: jde)) / 86_400
    }

    /// The Sun's apparent geocentric longitude in degrees [0, 360) at Julian Day `jd` (UT).
    static func sunLongitude(jd: Double) -> Double {
        let jde = jd + deltaT(year: decimalYear(jd: jd)) / 86_400
        let t = (jde - 2_451_545.0) / 36_525
        let l0 = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t
        let m = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * degrees
        let c =
            (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m)
            + 0.000289 * sin(3 * m)
        let omega = (125.04 - 1934.136 * t) * degrees
        var lambda = l0 + c - 0.00569 - 0.00478 * sin(omega)
        lambda = lambda.truncatingRemainder(dividingBy: 360)
        return lambda < 0 ? lambda + 360 : lambda
    }

    /// Julian Day (UT) of local midnight starting day `dayNumber` in a zone `offsetHours` east of UTC.
    static func julianDay(localMidnightOf dayNumber: Int, offsetHours: Double) -> Double {
        2_440_587.5 + Double(dayNumber) - offsetHours / 24
    }

    /// The local day number containing the instant `jd` (UT).
    static func dayNumber(containing jd: Double, offsetHours: Double) -> Int {
        Int((jd + 0.5 + offsetHours / 24 - 2_440_588).rounded(.down))
    }
}
