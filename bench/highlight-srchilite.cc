// highlight-srchilite.cc - bench/highlight's driver for GNU
// source-highlight (Debian's libsource-highlight-dev): the same stdin and
// the same output line as highlight-tend.c (round trip not checked: "-"),
// each file highlighted to HTML in memory through SourceHighlight's
// stream API; times are the process's CPU time, as there. A language
// source-highlight has no definition for prints "n/a".
#include <srchilite/sourcehighlight.h>
#include <srchilite/langmap.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

static double
now()
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main()
{
	std::vector<std::pair<std::string, std::string>> files;
	std::vector<std::string> langs;
	std::string line;
	srchilite::LangMap map("/usr/share/source-highlight", "lang.map");

	while (std::getline(std::cin, line)) {
		auto tab = line.find('\t');
		if (tab == std::string::npos)
			continue;
		std::ifstream f(line.substr(tab + 1), std::ios::binary);
		std::stringstream ss;
		ss << f.rdbuf();
		std::string lang = line.substr(0, tab);
		files.emplace_back(lang, ss.str());
		bool seen = false;
		for (auto &l : langs)
			seen |= l == lang;
		if (!seen)
			langs.push_back(lang);
	}
	srchilite::SourceHighlight sh("html.outlang");
	sh.setDataDir("/usr/share/source-highlight");
	for (auto &lang : langs) {
		std::string def = map.getMappedFileName(lang);
		if (def.empty()) {
			std::cout << lang << " n/a\n";
			continue;
		}
		double t0 = now();
		{
			std::istringstream in("x = 1\n");
			std::ostringstream out;
			sh.highlight(in, out, def);
		}
		double first = now() - t0, t;
		size_t bytes = 0, outb = 0, n = 0, rounds = 0;
		for (auto &f : files)
			if (f.first == lang) {
				std::istringstream in(f.second);
				std::ostringstream out;
				sh.highlight(in, out, def);
				bytes += f.second.size();
				outb += out.str().size();
				n++;
			}
		t0 = now();
		do {
			for (auto &f : files)
				if (f.first == lang) {
					std::istringstream in(f.second);
					std::ostringstream out;
					sh.highlight(in, out, def);
				}
			rounds++;
		} while ((t = now() - t0) < 0.3 && bytes);
		std::printf("%s %zu %zu %.1f %.2f - %.1f\n", lang.c_str(), n,
		    bytes, (double)bytes * (double)rounds / t / 1e6,
		    bytes ? (double)outb / (double)bytes : 0.0, first * 1e6);
	}
	return 0;
}
