package vn.motcua.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChannelTest {
    @Test
    void threeChannels() {
        assertEquals(3, Channel.values().length);
    }
}
