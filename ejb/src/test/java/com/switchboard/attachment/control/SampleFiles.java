package com.switchboard.attachment.control;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Small but real files of each kind, made here rather than kept as binaries. */
final class SampleFiles {

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private static final String DOCX_MAIN =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String DOCX_BODY = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
            + "2006/main\"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>";

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
        return ooxml("word/document.xml", DOCX_MAIN, DOCX_BODY);
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

    /** An OpenDocument text: the stored {@code mimetype} first, the content, the manifest. */
    static byte[] odt() {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            var mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            var entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(mimetype.length);
            var crc = new CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            putEntry(zip, "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                    + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:version=\"1.2\">"
                    + "<office:body><office:text/></office:body></office:document-content>");
            putEntry(zip, "META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                    + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                    + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
                    + "application/vnd.oasis.opendocument.text\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                    + "</manifest:manifest>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A well-formed DOCX whose {@code [Content_Types].xml} opens with a comment of {@code commentLength} letters:
     * a zip bomb, about a thousand times smaller than what it inflates to (only the compressed bytes are held).
     */
    static byte[] docxWithHugeComment(long commentLength) {
        var mainPart = "word/document.xml";
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write((XML_DECLARATION + "<!--").getBytes(StandardCharsets.UTF_8));
            var letters = new byte[64 * 1024];
            Arrays.fill(letters, (byte) 'a');
            for (long left = commentLength; left > 0; left -= letters.length) {
                zip.write(letters, 0, (int) Math.min(letters.length, left));
            }
            zip.write(("-->" + contentTypes(mainPart, DOCX_MAIN)).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            putEntry(zip, "_rels/.rels", XML_DECLARATION + packageRelationships(mainPart));
            putEntry(zip, mainPart, XML_DECLARATION + DOCX_BODY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An Office Open XML package: content types, the package relationship to the main part, the main part. */
    private static byte[] ooxml(String mainPart, String contentType, String xml) {
        return zip(new String[][] {
                {"[Content_Types].xml", XML_DECLARATION + contentTypes(mainPart, contentType)},
                {"_rels/.rels", XML_DECLARATION + packageRelationships(mainPart)},
                {mainPart, XML_DECLARATION + xml}});
    }

    private static String contentTypes(String mainPart, String contentType) {
        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + contentType + "\"/></Types>";
    }

    private static String packageRelationships(String mainPart) {
        return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"" + mainPart + "\"/></Relationships>";
    }

    private static void putEntry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
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
