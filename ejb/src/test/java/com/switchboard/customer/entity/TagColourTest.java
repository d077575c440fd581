package com.switchboard.customer.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.switchboard.input.RequestRejectedException;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TagColourTest {

    @Test
    void everyColourOfThePaletteHasANameOfItsOwn() {
        var names = new HashSet<String>();
        for (var colour : TagColour.PALETTE) {
            var name = TagColour.name(colour);
            assertFalse(name.startsWith("#"), colour + " has no name");
            names.add(name);
        }
        assertEquals(TagColour.PALETTE.size(), names.size());
        assertEquals("Blue", TagColour.name("#1570ef"));
        assertEquals("#123456", TagColour.name("#123456"), "not of the palette: the value itself");
    }

    @Test
    void onlyThePalettesColoursAreTaken() {
        assertEquals("#1570ef", TagColour.validate(" #1570EF "));
        assertEquals("customer-tag.colour", assertThrows(RequestRejectedException.class,
                () -> TagColour.validate("#123456")).code());
        assertEquals("customer-tag.colour", assertThrows(RequestRejectedException.class,
                () -> TagColour.validate("blue")).code());
    }
}
