package io.claimbridge.coding.ncci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Discovers NCCI tables under conformance/: {@code ncci-ptp/practitioner/}, {@code ncci-ptp/hospital/},
 * {@code mue/practitioner/}, {@code mue/hospital/} (any file names, any sub-folder such as a
 * quarter {@code 2026q1/}; only the newest sub-folder is used when there are several).
 * Absent tables are null and noted.
 */
public final class NcciFiles {

    public record Tables(PtpTable ptpPractitioner, PtpTable ptpHospital, MueTable muePractitioner,
                         MueTable mueHospital, List<String> notes) {
    }

    private NcciFiles() {
    }

    public static Tables load(Path conformance) throws IOException {
        List<String> notes = new ArrayList<>();
        PtpTable ptpPro = ptp(conformance.resolve("ncci-ptp").resolve("practitioner"), "practitioner", notes);
        PtpTable ptpHos = ptp(conformance.resolve("ncci-ptp").resolve("hospital"), "hospital", notes);
        MueTable muePro = mue(conformance.resolve("mue").resolve("practitioner"), "practitioner", notes);
        MueTable mueHos = mue(conformance.resolve("mue").resolve("hospital"), "hospital", notes);
        return new Tables(ptpPro, ptpHos, muePro, mueHos, notes);
    }

    private static PtpTable ptp(Path dir, String kind, List<String> notes) throws IOException {
        Release r = release(dir);
        if (r == null) {
            notes.add("NCCI PTP " + kind + " table absent (" + dir + ")");
            return null;
        }
        PtpTable t = PtpTable.read("NCCI PTP " + kind + " " + r.name(), r.files());
        notes.add(t.version() + ": " + t.size() + " pairs");
        return t;
    }

    private static MueTable mue(Path dir, String kind, List<String> notes) throws IOException {
        Release r = release(dir);
        if (r == null) {
            notes.add("NCCI MUE " + kind + " table absent (" + dir + ")");
            return null;
        }
        MueTable t = MueTable.read("NCCI MUE " + kind + " " + r.name(), r.files());
        notes.add(t.version() + ": " + t.size() + " codes");
        return t;
    }

    private record Release(String name, List<Path> files) {
    }

    /** Files directly in dir, or in its last sub-folder by name (e.g. 2026q1 after 2025q4). */
    private static Release release(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<Path> direct;
        List<Path> subdirs;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.sorted().toList();
            direct = all.stream().filter(Files::isRegularFile).filter(CmsTableRows::isTable).toList();
            subdirs = all.stream().filter(Files::isDirectory).toList();
        }
        if (!subdirs.isEmpty()) {
            Path newest = subdirs.get(subdirs.size() - 1);
            try (Stream<Path> s = Files.list(newest)) {
                List<Path> files = s.filter(Files::isRegularFile).filter(CmsTableRows::isTable).sorted().toList();
                if (!files.isEmpty()) {
                    return new Release(newest.getFileName().toString(), files);
                }
            }
        }
        return direct.isEmpty() ? null : new Release(dir.getFileName().toString(), direct);
    }
}
