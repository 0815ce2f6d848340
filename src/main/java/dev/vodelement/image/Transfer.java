package dev.vodelement.image;

/** What checking one image cost on the network: requests sent (redirects included) and bytes received. */
final class Transfer {

    private int requests;
    private long bytesReceived;

    void requestSent() {
        requests++;
    }

    void received(long bytes) {
        bytesReceived += bytes;
    }

    int requests() {
        return requests;
    }

    long bytesReceived() {
        return bytesReceived;
    }
}
