# Reads `objdump -d -C --no-show-raw-insn` of a portable NormLab program and checks where its
# vector instructions lie (test_isa_boundary.cmake). A function belongs to a kernel set by its name:
# Eigen_avx2:: / normlab::detail::avx2:: (x86-64-v3) or Eigen_avx512:: / normlab::detail::avx512::
# (x86-64-v4); everything else is baseline (x86-64-v2) and must hold no VEX or EVEX instruction
# (AVX, AVX2, FMA, AVX-512: mnemonics starting with v, except VMX's vm*/verr/verw), no BMI1/2,
# LZCNT or MOVBE; the AVX2 set no AVX-512 register. Prints a summary; exits 1 on a violation.
function kind(name) {
  if (name ~ /(Eigen_|normlab::detail::)avx512::/) return "avx512"
  if (name ~ /(Eigen_|normlab::detail::)avx2::/) return "avx2"
  return "baseline"
}
/^[0-9a-f]+ <.*>:$/ {
  fn = $0
  sub(/^[0-9a-f]+ </, "", fn)
  sub(/>:$/, "", fn)
  k = kind(fn)
  functions[k]++
  next
}
/^ *[0-9a-f]+:\t/ {
  split($0, parts, "\t")
  insn = parts[2]
  if (insn == "") next
  mnemonic = insn
  sub(/[ \t].*$/, "", mnemonic)
  count[k]++
  if (k == "baseline") {
    bad = 0
    if (mnemonic ~ /^v/ && mnemonic !~ /^(verr|verw|vmcall|vmclear|vmfunc|vmlaunch|vmptrld|vmptrst|vmread|vmresume|vmwrite|vmxoff|vmxon)$/) bad = 1
    if (mnemonic ~ /^(andn|bextr|blsi|blsmsk|blsr|bzhi|mulx|pdep|pext|rorx|sarx|shlx|shrx|movbe|lzcnt)$/) bad = 1
    if (insn ~ /%[yz]mm/) bad = 1
    if (bad) {
      violations++
      if (violations <= 20) printf("baseline code uses %s: %s\n    in %s\n", mnemonic, insn, substr(fn, 1, 200))
    }
  } else if (k == "avx2") {
    if (insn ~ /%zmm|%k[0-7]|%[xy]mm(1[6-9]|2[0-9]|3[01])/ || mnemonic ~ /^k/) {
      violations++
      if (violations <= 20) printf("AVX2 code uses AVX-512: %s\n    in %s\n", insn, substr(fn, 1, 200))
    }
    if (insn ~ /%ymm/) wide["avx2"]++
  } else {
    if (insn ~ /%zmm/) wide["avx512"]++
  }
}
END {
  printf("baseline: %d functions, %d instructions; avx2: %d functions, %d using ymm; avx512: %d functions, %d using zmm\n",
         functions["baseline"], count["baseline"], functions["avx2"], wide["avx2"], functions["avx512"], wide["avx512"])
  if (violations) { printf("%d instructions outside their kernel set\n", violations); exit 1 }
  if (expect_variants && (wide["avx2"] == 0 || wide["avx512"] == 0)) {
    print "the AVX2 / AVX-512 kernel sets are missing or hold no 256 / 512-bit instruction"
    exit 1
  }
}
