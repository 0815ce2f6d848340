package dev.vodelement.image.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRulesTest {

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"300, 300", "750, 300", "300, 750", "1000, 400", "4000, 1600", "65535, 65535", "600, 800"})
    void sizesWithinTheRulesPassWithTheBoundsIncluded(int width, int height) {
        assertEquals(List.of(), ImageRules.dimensionProblems(width, height));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource(delimiter = '|', value = {
        "299 | 300  | width 299 px is below 300 px",
        "300 | 299  | height 299 px is below 300 px",
        "751 | 300  | aspect ratio 2.51:1 (751 x 300 px) exceeds 2.5:1",
        "300 | 751  | aspect ratio 2.51:1 (300 x 751 px) exceeds 2.5:1",
        "1001 | 400 | aspect ratio 2.51:1 (1001 x 400 px) exceeds 2.5:1",
        "3000 | 1000 | aspect ratio 3:1 (3000 x 1000 px) exceeds 2.5:1",
    })
    void eachBrokenRuleIsStatedWithTheValueFound(int width, int height, String expected) {
        assertEquals(List.of(expected.trim()), ImageRules.dimensionProblems(width, height));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100 | 400 | width 100 px is below 300 px; aspect ratio 4:1 (100 x 400 px) exceeds 2.5:1",
        "200 | 200 | width 200 px is below 300 px; height 200 px is below 300 px",
    })
    void everyBrokenRuleOfOneImageIsReported(int width, int height, String expected) {
        assertEquals(expected.trim(), String.join("; ", ImageRules.dimensionProblems(width, height)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12582912 | 12,582,912 bytes exceeds 10 MiB (10,485,760 bytes)",
        "10485761 | 10,485,761 bytes exceeds 10 MiB (10,485,760 bytes)",
    })
    void sizesAreWrittenWithTheirGrouping(long bytes, String expected) {
        assertEquals(expected.trim(), ImageRules.tooLarge(bytes));
    }
}
