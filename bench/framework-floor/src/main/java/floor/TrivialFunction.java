package floor;

import java.util.Map;

import io.quarkus.funqy.Funq;

/**
 * The least a Funqy createElement can do: read the request and answer. What the framework alone
 * costs from process start to a first answer, against which bench/cold-start.sh compares the function.
 */
public class TrivialFunction {

    @Funq
    public Map<String, String> createElement(Map<String, Object> request) {
        return Map.of("ElementId", "floor-" + request.size(), "RequestId", "framework-floor");
    }
}
