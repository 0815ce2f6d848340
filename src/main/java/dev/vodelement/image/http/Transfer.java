package dev.vodelement.image.http;

/** What checking one image cost on the network: requests sent (redirects included) and body bytes received. */
public final class Transfer {

    private int requests;
    private long bytesReceived;

    void requestSent() {
        requests++;
    }

    public void received(long bytes) {
        bytesReceived += bytes;
    }

    public int requests() {
        return requests;
    }

    public long bytesReceived() {
        return bytesReceived;
    }
}
