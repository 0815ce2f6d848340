package dev.vodelement.standin;

/**
 * One request {@link ImageServer} answered, with what it actually sent: {@code bytesSent} counts
 * every byte the socket accepted (head included) before the answer ended or the client hung up.
 *
 * @param range the Range header, or null
 * @param status the status of the head the server sent (also when the client hung up mid-body, as
 *        a probe does once it knows), 0 when it sent none
 * @param sni the TLS server name the client asked for, or null (plain HTTP, or none sent)
 */
public record ImageServedRequest(String method, String target, String path, String host, String range, int status,
        long bytesSent, long bodyBytesSent, String sni) {
}
