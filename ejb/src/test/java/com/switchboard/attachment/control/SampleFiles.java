package com.switchboard.attachment.control;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Small but real files of each kind, made here rather than kept as binaries. */
final class SampleFiles {

    private SampleFiles() {
    }

    static byte[] image(String format) {
        var image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff8800);
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A one-page PDF with no content: header, catalog, pages, page, cross-reference table. */
    static byte[] pdf() {
        var body = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n";
        return (body + "xref\n0 4\n0000000000 65535 f \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n"
                + body.length() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] rtf() {
        return "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} Hello {\\b world}.\\par}".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] text() {
        return "Order 4711: two boxes, delivered Tuesday.\nThanks! — Grüße\n".getBytes(StandardCharsets.UTF_8);
    }

    /** WEBP: a RIFF container of a lossless 1x1 image. */
    static byte[] webp() {
        return hex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");
    }

    /** HEIC: an ISO base media file whose 'ftyp' box names the heic brand. */
    static byte[] heic() {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(hex("00000018" + "66747970" + "68656963" + "00000000" + "6d696631" + "68656963"));
        bytes.writeBytes(hex("00000010" + "6d657461" + "0000000000000000"));
        return bytes.toByteArray();
    }

    static byte[] docx() {
        return ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
                        + "<w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>");
    }

    static byte[] xlsx() {
        return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>");
    }

    static byte[] pptx() {
        return ooxml("ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>");
    }

    /** A plain zip: what tika-core alone would call a DOCX. */
    static byte[] zip() {
        return zip(new String[][] {{"readme.txt", "just a zip"}});
    }

    /** An Office Open XML package: content types, the package relationship to the main part, the main part. */
    private static byte[] ooxml(String mainPart, String contentType, String xml) {
        return zip(new String[][] {
                {"[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + contentType + "\"/></Types>"},
                {"_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        + "relationships/officeDocument\" Target=\"" + mainPart + "\"/></Relationships>"},
                {mainPart, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml}});
    }

    private static byte[] zip(String[][] entries) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var entry : entries) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A real Excel 97-2003 workbook, written by Apache POI. */
    static byte[] xls() {
        try (var workbook = new HSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            workbook.createSheet("Orders").createRow(0).createCell(0).setCellValue("4711");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OLE2 compound file with the stream that makes it a Word 97-2003 document. */
    static byte[] doc() {
        return ole2("WordDocument");
    }

    /** An OLE2 compound file with the stream that makes it a PowerPoint 97-2003 presentation. */
    static byte[] ppt() {
        return ole2("PowerPoint Document");
    }

    private static byte[] ole2(String stream) {
        try (var fs = new POIFSFileSystem(); var out = new ByteArrayOutputStream()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), stream);
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] svg() {
        return "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a Windows executable: the MZ header pointing at a PE header. */
    static byte[] exe() {
        var bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
