import AmoFilesAPI
import Foundation
import GRDB

/// The demo's documents whose versions really differ, for previews and comparisons: a
/// supply contract as .txt, .md, .docx and .pdf, a price list as .csv and .xlsx, each
/// with four versions that change a price, add a clause, drop a line.
enum DemoDocuments {
    static let versions = 4

    /// The contract's text as version `number` (1...4) has it.
    static func contract(_ number: Int) -> [String] {
        var clauses = [
            "1. Поставщик обязуется поставить мебель согласно спецификации (приложение 1).",
            "2. Цена договора — \(number == 1 ? "1 250 000" : "1 180 000") руб., в том числе НДС 20%.",
            "3. Срок поставки — 30 календарных дней с даты оплаты.",
            "4. Оплата — 50% аванс, 50% в течение 5 дней после поставки.",
            "5. Гарантия на товар — \(number >= 4 ? 24 : 12) месяцев с даты поставки.",
        ]
        if number >= 3 { clauses.append("6. За просрочку поставки поставщик платит пеню 0,1% от цены за каждый день.") }
        if number >= 4 { clauses.remove(at: 3) }
        return ["Договор поставки № 12", "г. Москва, 1 октября 2026 г.", ""] + clauses + ["", "Поставщик: ООО «Ромашка»    Покупатель: АО «Вектор»"]
    }

    /// The same in English, for the PDF (its standard fonts have no Cyrillic).
    static func contractInEnglish(_ number: Int) -> [String] {
        var clauses = [
            "1. The supplier delivers the furniture listed in the specification (annex 1).",
            "2. The contract price is \(number == 1 ? "1,250,000" : "1,180,000") RUB including VAT 20%.",
            "3. Delivery within 30 calendar days of payment.",
            "4. Payment: 50% in advance, 50% within 5 days of delivery.",
            "5. Warranty: \(number >= 4 ? 24 : 12) months from delivery.",
        ]
        if number >= 3 { clauses.append("6. For late delivery the supplier pays 0.1% of the price per day.") }
        if number >= 4 { clauses.remove(at: 3) }
        return ["Supply contract No. 12", "Moscow, 1 October 2026", ""] + clauses + ["", "Supplier: Romashka LLC    Buyer: Vektor JSC"]
    }

    /// The price list's rows as version `number` has them.
    static func priceList(_ number: Int) -> [[String]] {
        var rows = [
            ["Товар", "Цена, руб.", "Остаток"],
            ["Стол дубовый", "12500", "14"],
            ["Стул", number >= 2 ? "3700" : "3500", "120"],
            ["Шкаф", "41000", "5"],
            ["Кресло", "18900", "9"],
        ]
        if number >= 3 { rows.append(["Полка настенная", "4200", "30"]) }
        if number >= 4 { rows.remove(at: 4) }
        return rows
    }

    /// Each document: its name, extension and the bytes of every version, oldest first.
    static var files: [(name: String, ext: String, versions: [Data])] {
        let numbers = Array(1...versions)
        return [
            ("Договор поставки № 12", "txt", numbers.map { Data((contract($0).joined(separator: "\n") + "\n").utf8) }),
            ("Договор поставки № 12", "md", numbers.map { number in
                let lines = contract(number)
                let body = ["# " + lines[0], "", "_\(lines[1])_", ""] + lines.dropFirst(3).map { $0.hasPrefix("Поставщик:") ? "**\($0)**" : $0 }
                return Data((body.joined(separator: "\n") + "\n").utf8)
            }),
            ("Договор поставки № 12", "docx", numbers.map { number in
                DocumentWriters.docx(paragraphs: contract(number), table: [["Товар", "Цена, руб."]] + priceList(number).dropFirst().map { [$0[0], $0[1]] })
            }),
            ("Supply contract No. 12", "pdf", numbers.map { DocumentWriters.pdf(lines: contractInEnglish($0)) }),
            ("Прайс-лист склада", "csv", numbers.map { number in
                Data((priceList(number).map { $0.joined(separator: ";") }.joined(separator: "\n") + "\n").utf8)
            }),
            ("Прайс-лист склада", "xlsx", numbers.map { DocumentWriters.xlsx(sheets: [("Прайс", priceList($0)), ("Склады", [["Склад", "Адрес"], ["Основной", "Москва, ул. Лесная, 5"]])]) }),
        ]
    }

    /// Plants the documents, each version a week after the one before, the newest active.
    static func plant(store: DriveStore, now: Int64, random: inout SeededRandom, in db: Database) throws {
        for (index, document) in files.enumerated() {
            let uuid = random.uuid()
            let kind = FileNaming.kind(fileExtension: document.ext, contentType: nil)
            var time = now - Int64(40 - index) * 86_400
            var active = ("", Int64(0))
            for (number, bytes) in document.versions.enumerated() {
                let versionUUID = random.uuid()
                let key = "doc-" + versionUUID
                try store.blobs.writeBlob(bytes, key: key)
                let author: UserRef = .user(DemoAccount.users[number % DemoAccount.users.count].id)
                if number == 0 {
                    try DriveStore.insertFile(
                        uuid: uuid, name: document.name, activeVersion: versionUUID, sourceID: nil, at: time, by: author,
                        size: Int64(bytes.count), fileExtension: document.ext, mime: kind.mime, type: kind.type, in: db)
                }
                try DriveStore.insertVersion(
                    uuid: versionUUID, fileUUID: uuid, name: document.name, fileExtension: document.ext, mime: kind.mime, type: kind.type,
                    size: Int64(bytes.count), at: time, by: author, blob: key, in: db)
                active = (versionUUID, Int64(bytes.count))
                time += 7 * 86_400
            }
            try DemoSeed.settle(uuid, active: active, versions: document.versions.count, updatedAt: time - 7 * 86_400, in: db)
        }
    }
}
