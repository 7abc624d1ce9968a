package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

func TestInputsManifest(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "www.example.gov.cn", "nb")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "2021.html"), []byte("<html></html>"), 0o644)
	os.WriteFile(filepath.Join(sub, "notes.json"), []byte("{}"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".tmp"), 0o755)
	os.WriteFile(filepath.Join(dir, ".tmp", "half.pdf"), []byte("%PDF-"), 0o644)
	man := `{"url":"http://www.example.gov.cn/nb/2021.html","title":"某区2021年政府信息公开工作年度报告","published":"2022-01-20","fetched_at":"2026-11-27T00:00:00Z","path":"www.example.gov.cn/nb/2021.html","error":""}
{"url":"http://www.example.gov.cn/nb/x.pdf","path":"","error":"404"}
{"url":"http://www.exa`
	os.WriteFile(filepath.Join(dir, manifest.Name), []byte(man), 0o644)
	in, err := Inputs([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 {
		t.Fatalf("inputs = %+v, want the one report file (not .tmp, not .json)", in)
	}
	if in[0].URL != "http://www.example.gov.cn/nb/2021.html" || in[0].Published != "2022-01-20" {
		t.Errorf("manifest not applied: %+v", in[0])
	}
	// a bad line that is not the last one is an error naming the line
	os.WriteFile(filepath.Join(dir, manifest.Name), []byte("{bad\n"+man), 0o644)
	if _, err := Inputs([]string{dir}); err == nil {
		t.Error("a corrupt manifest line in the middle must be an error")
	}
}
