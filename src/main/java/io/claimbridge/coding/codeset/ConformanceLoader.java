package io.claimbridge.coding.codeset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.claimbridge.coding.ncci.MueTable;
import io.claimbridge.coding.ncci.NcciFiles;
import io.claimbridge.coding.ncci.PtpTable;

/**
 * Finds and loads the code sets under a conformance/ directory. Files are discovered by the
 * official naming patterns inside year/release folders, never by fixed names, so dropping the
 * next release (e.g. {@code icd10cm/fy2027/icd10cm_order_2027.txt}) in place just works after a
 * restart. Independent files load in parallel.
 */
public final class ConformanceLoader {
    private static final Pattern FY_DIR = Pattern.compile("fy(\\d{4})");
    private static final Pattern CM_ORDER = Pattern.compile("icd10cm[-_]order[-_](\\d{4})\\.txt(\\.gz)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PCS_ORDER = Pattern.compile("icd10pcs[-_]order[-_](\\d{4})\\.txt(\\.gz)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern POA_EXEMPT = Pattern.compile("POAexemptCodesFY(\\d{2})\\.txt(\\.gz)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HCPCS_XLSX = Pattern.compile("HCPC(\\d{4})_([A-Z]{3}).*\\.xlsx", Pattern.CASE_INSENSITIVE);
    private static final Pattern MCE_DIR = Pattern.compile("v(\\d+)(?:\\.(\\d+))?");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");

    private ConformanceLoader() {
    }

    /**
     * @param conformance the conformance/ directory
     * @param cptLicensedFile a user-supplied licensed CPT code file, or null (format check only)
     */
    public static CodeSets load(Path conformance, Path cptLicensedFile) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "codeset-loader");
                    t.setDaemon(true);
                    return t;
                });
        try {
            return load(conformance, cptLicensedFile, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static CodeSets load(Path dir, Path cptFile, ExecutorService pool) throws IOException {
        List<String> notes = new ArrayList<>();
        // Largest first so the pool stays busy.
        Future<HcpcsCodeSet.Release> hcpcs = submit(pool, () -> loadHcpcs(dir.resolve("hcpcs")));
        Map<Integer, Path> cmFiles = byFiscalYear(dir.resolve("icd10cm"), CM_ORDER);
        Map<Integer, Path> pcsFiles = byFiscalYear(dir.resolve("icd10pcs"), PCS_ORDER);
        List<Future<OrderFile>> cm = orderFiles(pool, cmFiles);
        List<Future<OrderFile>> pcs = orderFiles(pool, pcsFiles);
        Path mceDir = newestMce(dir.resolve("mce"));
        Future<MceTable> mceDx = submit(pool, () -> mce(mceDir, "mce_i10dx_master.csv"));
        Future<MceTable> mceSg = submit(pool, () -> mce(mceDir, "mce_i10sg_master.csv"));
        Future<PoaExemptList> poa = submit(pool, () -> PoaExemptList.read(byFiscalYear(dir.resolve("icd10cm-poa-exempt"), POA_EXEMPT)));
        Future<NcciFiles.Tables> ncci = submit(pool, () -> NcciFiles.load(dir));

        MceAgeRanges ages = mceDir != null && Files.exists(mceDir.resolve("mce_age_ranges.csv"))
                ? MceAgeRanges.read(mceDir.resolve("mce_age_ranges.csv")) : new MceAgeRanges(List.of());
        PlaceOfServiceSet pos = loadPos(dir.resolve("place-of-service"));
        CptCheck cpt = cptFile == null ? CptCheck.formatOnly() : CptCheck.readLicensed(cptFile);
        Path levelOneFile = dir.resolve("modifiers").resolve("level1-modifiers.csv");
        HcpcsCodeSet levelOne = Files.exists(levelOneFile)
                ? ModifierList.readLevelOne("CPT Level I modifier list", levelOneFile)
                : HcpcsCodeSet.empty("no Level I modifier list");
        Path bypassFile = dir.resolve("modifiers").resolve("ncci-ptp-modifiers.txt");
        var bypass = Files.exists(bypassFile) ? ModifierList.readList(bypassFile) : java.util.Set.<String>of();

        IcdCodeSystem icd10cm = icd("ICD-10-CM", cmFiles, cm);
        IcdCodeSystem icd10pcs = icd("ICD-10-PCS", pcsFiles, pcs);
        HcpcsCodeSet.Release release = get(hcpcs);
        NcciFiles.Tables n = get(ncci);
        notes.addAll(n.notes());
        notes.add("ICD-10-CM years " + cmFiles.keySet() + ", ICD-10-PCS years " + pcsFiles.keySet()
                + ", MCE " + (mceDir == null ? "absent" : mceDir.getFileName()) + ", HCPCS " + release.codes().version());
        return new CodeSets(icd10cm, icd10pcs, get(mceDx), get(mceSg), ages, get(poa), release.codes(),
                new ModifierList(release.modifiers(), levelOne, bypass), pos, cpt,
                n.ptpPractitioner(), n.ptpHospital(), n.muePractitioner(), n.mueHospital(), notes);
    }

    private static IcdCodeSystem icd(String name, Map<Integer, Path> files, List<Future<OrderFile>> loaded)
            throws IOException {
        IcdCodeSystem.Builder b = new IcdCodeSystem.Builder(name).years(files.keySet());
        for (Future<OrderFile> f : loaded) {
            b.addAll(get(f));
        }
        return b.build();
    }

    private static List<Future<OrderFile>> orderFiles(ExecutorService pool, Map<Integer, Path> files) {
        List<Future<OrderFile>> list = new ArrayList<>();
        files.forEach((fy, p) -> list.add(submit(pool, () -> OrderFile.read(fy, p))));
        return list;
    }

    /** {@code <root>/fyYYYY/<file matching pattern>} → YYYY; the folder year is authoritative. */
    static Map<Integer, Path> byFiscalYear(Path root, Pattern file) throws IOException {
        Map<Integer, Path> found = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Matcher m = FY_DIR.matcher(d.getFileName().toString().toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    continue;
                }
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(p -> file.matcher(p.getFileName().toString()).matches())
                            .min(Comparator.comparing(p -> p.getFileName().toString().endsWith(".gz")))
                            .ifPresent(p -> found.put(Integer.parseInt(m.group(1)), p));
                }
            }
        }
        return found;
    }

    /** Newest release folder holding a CMS alpha-numeric HCPCS xlsx (e.g. 2025-oct/HCPC2025_OCT_ANWEB.xlsx). */
    private static HcpcsCodeSet.Release loadHcpcs(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return new HcpcsCodeSet.Release(HcpcsCodeSet.empty("HCPCS absent"), HcpcsCodeSet.empty("HCPCS absent"));
        }
        Path best = null;
        int bestKey = -1;
        String bestName = null;
        try (Stream<Path> all = Files.walk(root, 2)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Matcher m = HCPCS_XLSX.matcher(p.getFileName().toString());
                if (m.matches()) {
                    int month = MONTHS.indexOf(m.group(2).toUpperCase(Locale.ROOT));
                    int key = Integer.parseInt(m.group(1)) * 100 + month;
                    if (key > bestKey) {
                        bestKey = key;
                        best = p;
                        bestName = m.group(1) + "-" + m.group(2).toUpperCase(Locale.ROOT);
                    }
                }
            }
        }
        if (best == null) {
            return new HcpcsCodeSet.Release(HcpcsCodeSet.empty("HCPCS absent"), HcpcsCodeSet.empty("HCPCS absent"));
        }
        // A quarterly release (e.g. OCT) is current until the next quarter starts.
        java.time.LocalDate end = java.time.LocalDate.of(bestKey / 100, bestKey % 100 + 1, 1).plusMonths(3).minusDays(1);
        return HcpcsCodeSet.readXlsx("HCPCS " + bestName, best, end);
    }

    /** Highest MCE version folder (v43.1 < v44.0); each MCE master carries the full date history. */
    private static Path newestMce(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> MCE_DIR.matcher(d.getFileName().toString()).matches()
                            && Files.exists(d.resolve("mce_i10dx_master.csv")))
                    .max(Comparator.comparingInt(ConformanceLoader::mceVersion)).orElse(null);
        }
    }

    private static int mceVersion(Path d) {
        Matcher m = MCE_DIR.matcher(d.getFileName().toString());
        m.matches();
        return Integer.parseInt(m.group(1)) * 1000 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /**
     * MCE major version N covers fiscal year N + 1983 (v43 = FY2026); open-ended rows end with it,
     * so dates after it are reported as beyond the table's coverage.
     */
    private static MceTable mce(Path dir, String file) throws IOException {
        if (dir == null || !Files.exists(dir.resolve(file))) {
            return MceTable.empty();
        }
        int major = mceVersion(dir) / 1000;
        return MceTable.read("CMS MCE " + dir.getFileName(), dir.resolve(file))
                .withLastDay(FiscalYear.end(major + 1983));
    }

    private static PlaceOfServiceSet loadPos(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return new PlaceOfServiceSet("POS absent", java.util.Set.of());
        }
        try (Stream<Path> files = Files.list(root)) {
            Path json = files.filter(p -> p.getFileName().toString().matches("(?i)CodeSystem-.*Place.*Service.*\\.json"))
                    .findFirst().orElse(null);
            return json == null ? new PlaceOfServiceSet("POS absent", java.util.Set.of()) : PlaceOfServiceSet.read(json);
        }
    }

    private interface Io<T> {
        T call() throws IOException;
    }

    private static <T> Future<T> submit(ExecutorService pool, Io<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, pool);
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading code sets", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("loading code sets failed: " + c, c);
        }
    }

}
