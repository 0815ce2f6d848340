package dev.vodelement.vod;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.NotBody;

/**
 * The VOD API 3.0 endpoint: every action is a signed JSON POST to "/". The body is passed already
 * serialized, so that the bytes the {@link Tc3SigningFilter} signs are the bytes sent.
 */
@RegisterRestClient(configKey = "vod")
@RegisterProvider(Tc3SigningFilter.class)
@Path("/")
public interface VodApi {

    String VERSION = "2018-07-17";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    /** Returns the raw response: Tencent answers errors with 200 and a JSON body, and 5xx with anything. */
    Response call(@HeaderParam("X-TC-Action") String action,
            @HeaderParam("X-TC-Version") String version,
            @NotBody SigningContext signing,
            String body);
}
