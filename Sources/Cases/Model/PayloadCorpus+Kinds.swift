import Wire

extension PayloadCorpus {
    /// Prose of exactly `count` octets: sentences of common words with punctuation and line
    /// breaks, standing in for the plain-text book Autobahn's 12.3.x cases send as binary.
    public static func prose(count: Int, seed: UInt64 = 0x1213) -> PayloadCorpus {
        let words = [
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he",
            "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
            "night", "spirit", "knowledge", "heaven", "earth", "doctor", "student", "world", "light", "shadow", "soul",
        ]
        var generator = SplitMix64(seed: seed)
        var text: [UInt8] = []
        text.reserveCapacity(count + 64)
        while text.count < count {
            let length = 4 + Int(generator.next() % 14)
            for index in 0..<length {
                var word = words[Int(generator.next() % UInt64(words.count))]
                if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                text += Array(word.utf8)
                text.append(index == length - 1 ? UInt8(ascii: ".") : UInt8(ascii: " "))
            }
            text.append(generator.next() % 5 == 0 ? 0x0A : UInt8(ascii: " "))
        }
        return PayloadCorpus(id: "prose(seed \(seed), \(count) octets)", octets: Array(text.prefix(max(0, count))))
    }

    /// A bitmap of exactly `count` octets: a BMP-style header, then rows of 8-bit pixels with
    /// smooth gradients and noise, standing in for the image Autobahn's 12.2.x cases send.
    public static func bitmap(count: Int, seed: UInt64 = 0x1214) -> PayloadCorpus {
        var generator = SplitMix64(seed: seed)
        var octets: [UInt8] = Array("BM".utf8) + [UInt8](repeating: 0, count: 52)
        octets.reserveCapacity(count)
        let width = 512
        var row = 0
        while octets.count < count {
            for column in 0..<width where octets.count < count {
                let shade = (row &* 3 &+ column / 2 &+ Int(generator.next() % 9)) & 0xFF
                octets.append(UInt8(truncatingIfNeeded: shade))
            }
            row += 1
        }
        return PayloadCorpus(id: "bitmap(seed \(seed), \(count) octets)", octets: Array(octets.prefix(max(0, count))))
    }

    /// HTML text of exactly `count` octets, all ASCII (so every slice is valid UTF-8): a page
    /// with a style sheet and a table of the inventory records `jsonText` lists, standing in for
    /// Autobahn's 12.4.x page, a machine-written report that deflates to about 6 % of its size.
    public static func html(count: Int, seed: UInt64 = 0x1215) -> PayloadCorpus {
        let header =
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Inventory</title>\n<style>\n"
            + "body {\n   font-family: sans-serif;\n   margin: 0 40px;\n}\n\ntable {\n   border-collapse: collapse;\n}\n\n"
            + "td {\n   padding: 2px 8px;\n   border-bottom: 1px solid #ccc;\n}\n\ntr.active td.status {\n   color: #080;\n}\n\n"
            + "tr.retired td.status {\n   color: #888;\n}\n</style>\n</head>\n<body>\n<h1>Inventory</h1>\n<table>\n"
        let text = InventoryItem.listing(count: count, seed: seed, header: header) { _, item in
            "<tr class=\"\(item.status)\">\n   <td class=\"sku\"><a href=\"items/\(item.sku).html\">\(item.sku)</a></td>\n"
                + "   <td class=\"status\">\(item.status)</td>\n   <td class=\"region\">\(item.region)</td>\n"
                + "   <td class=\"quantity\">\(item.quantity)</td>\n</tr>\n"
        }
        return PayloadCorpus(id: "html(seed \(seed), \(count) octets)", octets: text)
    }

    /// A document of exactly `count` octets: text runs between binary streams of poorly
    /// compressible octets, standing in for the PDF Autobahn's 12.5.x cases send.
    public static func document(count: Int, seed: UInt64 = 0x1216) -> PayloadCorpus {
        let text = prose(count: 1 << 16, seed: seed).octets
        var generator = SplitMix64(seed: seed ^ 0x5A5A)
        var octets: [UInt8] = Array("%PDF-1.4\n".utf8)
        octets.reserveCapacity(count + 4096)
        var offset = 0
        while octets.count < count {
            let run = 256 + Int(generator.next() % 2048)
            octets += text[offset % text.count..<min(text.count, offset % text.count + run)]
            offset += run
            octets += Array("\nstream\n".utf8)
            for _ in 0..<(128 + Int(generator.next() % 1024)) { octets.append(UInt8(truncatingIfNeeded: generator.next())) }
            octets += Array("\nendstream\n".utf8)
        }
        return PayloadCorpus(id: "document(seed \(seed), \(count) octets)", octets: Array(octets.prefix(max(0, count))))
    }
}
