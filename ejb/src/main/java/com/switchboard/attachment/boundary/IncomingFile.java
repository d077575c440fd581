package com.switchboard.attachment.boundary;

import java.io.InputStream;

/** An upload as the sender gave it: a name (which decides nothing) and the bytes, read once. */
public record IncomingFile(String name, InputStream content) {
}
