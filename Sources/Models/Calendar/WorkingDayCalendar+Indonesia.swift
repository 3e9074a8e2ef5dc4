extension WorkingDayCalendar {
    /// Indonesia's national holidays and collective leave for 2025 and 2026.
    ///
    /// Source: DOMAIN.md "Working days", from the joint ministerial decrees (SKB 3 Menteri)
    /// on national holidays and cuti bersama as publicly reported. The 2026 list is
    /// "from public reports of the decree; verify before relying on them": operators
    /// override it with a ``HolidayCalendarFile``.
    public static let indonesia = WorkingDayCalendar(daysOff: holidays2025 + holidays2026)

    private static func days(_ year: Int, _ kind: DayOff.Kind, _ list: [(Int, Int, String)]) -> [DayOff] {
        list.map { DayOff(date: LocalDate(year: year, month: $0.0, day: $0.1), kind: kind, name: $0.2) }
    }

    static let holidays2025 =
        days(
            2025,
            .nationalHoliday,
            [
                (1, 1, "Tahun Baru Masehi"), (1, 27, "Isra Mikraj"), (1, 29, "Tahun Baru Imlek"),
                (3, 29, "Hari Suci Nyepi"), (3, 31, "Idul Fitri"), (4, 1, "Idul Fitri"),
                (4, 18, "Wafat Yesus Kristus"), (4, 20, "Paskah"), (5, 1, "Hari Buruh"),
                (5, 12, "Hari Raya Waisak"), (5, 29, "Kenaikan Yesus Kristus"), (6, 1, "Hari Lahir Pancasila"),
                (6, 6, "Idul Adha"), (6, 27, "Tahun Baru Islam"), (8, 17, "Hari Kemerdekaan"),
                (9, 5, "Maulid Nabi Muhammad"), (12, 25, "Hari Raya Natal"),
            ]
        )
        + days(
            2025,
            .collectiveLeave,
            [
                (1, 28, "Cuti bersama Imlek"), (3, 28, "Cuti bersama Nyepi"), (4, 2, "Cuti bersama Idul Fitri"),
                (4, 3, "Cuti bersama Idul Fitri"), (4, 4, "Cuti bersama Idul Fitri"), (4, 7, "Cuti bersama Idul Fitri"),
                (5, 13, "Cuti bersama Waisak"), (5, 30, "Cuti bersama Kenaikan"), (6, 9, "Cuti bersama Idul Adha"),
                (8, 18, "Cuti bersama Kemerdekaan"), (12, 26, "Cuti bersama Natal"),
            ]
        )

    static let holidays2026 =
        days(
            2026,
            .nationalHoliday,
            [
                (1, 1, "Tahun Baru Masehi"), (1, 16, "Isra Mikraj"), (2, 17, "Tahun Baru Imlek"),
                (3, 19, "Hari Suci Nyepi"), (3, 21, "Idul Fitri"), (3, 22, "Idul Fitri"),
                (4, 3, "Wafat Yesus Kristus"), (4, 5, "Paskah"), (5, 1, "Hari Buruh"),
                (5, 14, "Kenaikan Yesus Kristus"), (5, 27, "Idul Adha"), (5, 31, "Hari Raya Waisak"),
                (6, 1, "Hari Lahir Pancasila"), (6, 16, "Tahun Baru Islam"), (8, 17, "Hari Kemerdekaan"),
                (8, 25, "Maulid Nabi Muhammad"), (12, 25, "Hari Raya Natal"),
            ]
        )
        + days(
            2026,
            .collectiveLeave,
            [
                (2, 16, "Cuti bersama Imlek"), (3, 18, "Cuti bersama Nyepi"), (3, 20, "Cuti bersama Idul Fitri"),
                (3, 23, "Cuti bersama Idul Fitri"), (3, 24, "Cuti bersama Idul Fitri"), (5, 15, "Cuti bersama Kenaikan"),
                (5, 28, "Cuti bersama Idul Adha"), (12, 24, "Cuti bersama Natal"),
            ]
        )
}
