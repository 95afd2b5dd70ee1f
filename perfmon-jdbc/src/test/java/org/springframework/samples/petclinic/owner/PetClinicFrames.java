package org.springframework.samples.petclinic.owner;

import java.util.function.Supplier;

/** Application code living in a framework vendor's namespace, as Spring's sample applications do. */
public final class PetClinicFrames {

    private PetClinicFrames() {
    }

    public static String fromApplication(Supplier<String> work) {
        return work.get();
    }
}
