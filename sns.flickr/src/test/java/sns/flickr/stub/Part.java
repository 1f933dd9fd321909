package sns.flickr.stub;

/** One part of a multipart/form-data body as the stub received it. */
record Part(String name, String fileName, String contentType, byte[] data) {
}
