package dev.vodelement.image.format.jpeg;

/**
 * What the walk keeps of a frame header: the dimensions, and per component (in frame order) what
 * the first scan header is checked against.
 *
 * @param blocks each component's horizontal x vertical sampling factor, its data units per MCU
 */
record JpegFrame(int width, int height, boolean progressive, int[] componentIds, int[] blocks,
        int[] quantizationTables) {

    boolean hasComponent(int id) {
        for (int candidate : componentIds) {
            if (candidate == id) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frame index libjpeg-turbo's get_sos gives the scan's {@code position}-th selector: the
     * first frame component from that index on (among the first 4) with this id; -1 if none.
     */
    int matchScanComponent(int id, int position) {
        for (int ci = position; ci < Math.min(componentIds.length, 4); ci++) {
            if (componentIds[ci] == id) {
                return ci;
            }
        }
        return -1;
    }
}
