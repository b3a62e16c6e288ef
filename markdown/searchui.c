/* searchui.c - the built-in theme's search box and script */
#include "searchui.h"

#include <stdlib.h>

#include "casefold.h"
#include "banned.h"

/* Each piece is one string literal (C17 guarantees 4095 bytes). */
static const char *const js_parts[] = {
"(function(){\n",	/* then fold_table()'s F */
"var d=document,inp=d.getElementById('search'),box=d.getElementById('se"
"arch-results'),me=d.currentScript;\n"
"if(!inp||!box||!me)return;\n"
"var base=new URL('.',me.src),root=new URL('../../',base),man=null,shar"
"ds={},chunks={},hits=[],shown=0,act=-1,seq=0,timer=0,words=[],\n"
"A='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',V"
"={},C='[a-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u1fff\\u2c00-\\u"
"2fff\\u3040-\\ufdff\\ufe70-\\ufefe\\uff10-\\uffef\\u{10000}-\\u{1efff}"
"\\u{1fb00}-\\u{10ffff}]+',J=C+'(?:[_.]'+C+')*',W=new RegExp(J,'gu'),\n"
"M=new RegExp('('+J.replace(/\\[a-z/g,'[A-Za-z')+')','u'),PAGE=5;\n"
"for(var i=0;i<64;i++)V[A[i]]=i;\n"
"function get(n,o){return fetch(new URL(n,base),o).then(function(r){if("
"!r.ok)throw new Error(n+': '+r.status);return r.json()})}\n"
"function fc(c){var a=0,b=F.length,m;while(a<b){m=(a+b)>>1;if(F[m][1]<c"
")a=m+1;else b=m}if(a==F.length||c<F[a][0])return c;return F[a][2]?c+F["
"a][2]:(c-F[a][0])%2?c:c+1}\n"
"function low(s){var o='',c;for(var ch of s){c=ch.codePointAt(0);o+=c<1"
"28?(c>64&&c<91?String.fromCharCode(c+32):ch):String.fromCodePoint(fc(c"
"))}return o}\n"
"function cut(w){var b=new TextEncoder().encode(w),n=40;if(b.length<=n|"
"|!/[_.]/.test(w))return w;while((b[n]&192)==128)n--;return new TextDec"
"oder().decode(b.slice(0,n))}\n"
"function terms(q){var t=low(q).match(W)||[],o=[];t.forEach(function(w)"
"{w=cut(w);if(new TextEncoder().encode(w).length<=40&&o.indexOf(w)<0)o."
"push(w)});return o}\n"
"function hex(k){var h='x';new TextEncoder().encode(k).forEach(function"
"(b){h+=(b<16?'0':'')+b.toString(16)});return h}\n"
"function file(t){var k=Array.from(t).slice(0,2).join('');return/^[a-z0"
"-9]+$/.test(k)?k:hex(k)}\n"
"function third(t){var k=Array.from(t)[2];return/^[a-z0-9]$/.test(k)?k:"
"hex(k)}\n"
"function nums(s){var o=[],v=0,m=1,c;for(var i=0;i<s.length;i++){c=V[s["
"i]];v+=(c&31)*m;if(c>31)m*=32;else{o.push(v);v=0;m=1}}return o}\n",
"function one(f){return shards[f]||(shards[f]=get(f+'.json?g='+man.gen))"
"}\n"
"function shard(t){var f=file(t),s=man.sub[f],c=Array.from(t).length,n="
"[],g;\n"
"if(man.has[f]&&(!s||c<3))n.push(f);\n"
"if(s&&c==2)n=n.concat(s);else if(s&&c>2&&man.has[g=f+'.'+third(t)])n.p"
"ush(g);\n"
"return Promise.all(n.map(one)).then(function(a){return Object.assign.a"
"pply(Object,[{}].concat(a))})}\n"
"function chunk(c){return chunks[c]||(chunks[c]=get('-'+c+'.json?g='+ma"
"n.gen))}\n"
"function esc(s){return s.replace(/[&<>\"]/g,function(c){return{'&':'&a"
"mp;','<':'&lt;','>':'&gt;','\"':'&quot;'}[c]})}\n"
"function close(){box.hidden=true;inp.setAttribute('aria-expanded','fal"
"se');act=-1}\n"
"function place(){var r=inp.getBoundingClientRect();box.style.top=(r.bo"
"ttom+4)+'px';box.style.left=Math.max(8,Math.min(r.left,innerWidth-box."
"offsetWidth-8))+'px'}\n"
"function run(){var q=inp.value,ts=terms(q),my=++seq;words=ts;\n"
"if(!ts.length){close();box.innerHTML='';busy(false);return}\n"
"(man?Promise.resolve(man):get('index.json',{cache:'no-cache'}).then(fu"
"nction(m){m.has={};m.sub={};m.shards.split(' ').forEach(function(f){va"
"r i=f.indexOf('.'),k=f.slice(0,i);m.has[f]=1;if(i>0)(m.sub[k]=m.sub[k]"
"||[]).push(f)});return man=m}))\n"
".then(function(){return Promise.all(ts.map(shard))}).then(function(ss)"
"{if(my!=seq)return;\n"
"var tot=null;\n"
"ts.forEach(function(t,i){var sh=ss[i],m={};\n"
"for(var k in sh){if(k.lastIndexOf(t,0)!==0||(t.length<2&&k!==t))contin"
"ue;\n"
"var p=nums(sh[k]),id=-1;for(var j=0;j+2<p.length;j+=3){id+=p[j];var f="
"p[j+2]>>5,sc=[1,100,1000][f]+(p[j+2]&31)+(k===t?3:0);\n"
"if(!m[id]||m[id].s<sc)m[id]={s:sc,sec:p[j+1],f:f}}}\n"
"if(!tot){tot=m;return}\n"
"var n={};for(var id2 in tot)if(m[id2])n[id2]={s:tot[id2].s+m[id2].s,se"
"c:m[id2].f>tot[id2].f?m[id2].sec:tot[id2].sec,f:Math.max(m[id2].f,tot["
"id2].f)};tot=n});\n"
"hits=Object.keys(tot).map(function(id){return{id:+id,s:tot[id].s,sec:t"
"ot[id].sec}}).sort(function(a,b){return b.s-a.s||a.id-b.id});\n"
"shown=0;box.innerHTML='';act=-1;more(my)}).catch(function(e){fail(my,"
"e)})}\n"
"function fail(my,e){if(my!=seq)return;box.innerHTML='<p class=\"search"
"-none\">Search is unavailable</p>';show();busy(false);console.error(e)"
"}\n"
"function show(){box.hidden=false;inp.setAttribute('aria-expanded','tru"
"e');place()}\n"
"function more(my){var part=hits.slice(shown,shown+PAGE),cs={};shown+=p"
"art.length;\n"
"part.forEach(function(h){cs[Math.floor(h.id/man.chunk)]=1});\n"
"Promise.all(Object.keys(cs).map(chunk)).then(function(){if(my!=seq)ret"
"urn;return Promise.all(part.map(function(h){return chunk(Math.floor(h."
"id/man.chunk)).then(function(c){return c[h.id%man.chunk]})}))})\n"
".then(function(es){if(!es||my!=seq)return;var old=box.querySelector('."
"search-more');if(old)old.remove();\n"
"if(!hits.length)box.innerHTML='<p class=\"search-none\">No results for"
" \\u201c'+esc(inp.value)+'\\u201d</p>';\n"
"es.forEach(function(e,i){if(!e)return;var h=part[i],s=e[2][h.sec]||[''"
",'',''],a=d.createElement('a'),t=s[2],k;\n"
"a.className='search-hit';a.setAttribute('role','option');a.id='search-"
"hit-'+(shown-part.length+i);\n",
"a.href=new URL(e[0],root).href+(h.sec&&s[0]?'#'+s[0]:'');\n"
"if(!t)for(k=0;k<e[2].length&&!t;k++)t=e[2][k][2];\n"
"a.innerHTML='<span class=\"search-title\">'+mark(e[1],0)+'</span>'+(h."
"sec&&s[1]&&s[1]!=e[1]?'<span class=\"search-sec\">'+mark(s[1],0)+'</sp"
"an>':'')+'<span class=\"search-ex\">'+mark(t||'',1)+'</span>';\n"
"box.appendChild(a)});\n"
"if(shown<hits.length){var b=d.createElement('button');b.type='button';"
"b.className='search-more';b.textContent='More results ('+(hits.length-"
"shown)+')';\n"
"b.onclick=function(){more(seq);inp.focus()};box.appendChild(b)}show();"
"busy(false)}).catch(function(e){fail(my,e)})}\n"
"function busy(y){box.setAttribute('aria-busy',y?'true':'false')}\n"
"function hit(w){w=low(w);var ps=w.split(/[_.]/),r=/[_.]/g,m;ps.push(w)"
";while(m=r.exec(w))ps.push(w.slice(m.index+1));\n"
"return words.some(function(t){return ps.some(function(x){return x.last"
"IndexOf(t,0)===0})})}\n"
"function mark(s,cut){var p=s.split(M),f=-1,i,a=0,b=p.length,n,o='';\n"
"for(i=1;i<p.length;i+=2)if(hit(p[i])){f=i;break}\n"
"if(cut){if(f<0)f=1;for(a=f,n=0;a>0&&n<60;a--)n+=p[a-1].length;for(b=f,"
"n=0;b<p.length&&n<160;b++)n+=p[b].length}\n"
"for(i=a;i<b;i++)o+=i%2&&hit(p[i])?'<mark>'+esc(p[i])+'</mark>':esc(p[i"
"]);\n"
"return(a>0?'\\u2026':'')+o+(b<p.length?'\\u2026':'')}\n"
"function items(){return box.querySelectorAll('.search-hit')}\n"
"function sel(n){var it=items();if(!it.length)return;act=(n+it.length)%"
"it.length;\n"
"it.forEach(function(e,i){e.setAttribute('aria-selected',i==act?'true':"
"'false')});\n"
"inp.setAttribute('aria-activedescendant',it[act].id);it[act].scrollInt"
"oView({block:'nearest'})}\n"
"inp.addEventListener('input',function(){seq++;busy(true);clearTimeout("
"timer);timer=setTimeout(run,60)});\n"
"inp.addEventListener('focus',function(){if(inp.value&&box.innerHTML)sh"
"ow()});\n"
"inp.addEventListener('keydown',function(e){var it=items();\n"
"if(e.key=='ArrowDown'){e.preventDefault();if(box.hidden&&box.innerHTML"
")show();sel(act+1)}\n"
"else if(e.key=='ArrowUp'){e.preventDefault();sel(act-1)}\n"
"else if(e.key=='Enter'){if(it.length){e.preventDefault();var t=it[act<"
"0?0:act];close();location.href=t.href}}\n"
"else if(e.key=='Escape'){if(!box.hidden){e.preventDefault();close()}el"
"se inp.blur()}});\n"
"d.addEventListener('keydown',function(e){var t=e.target,n=t&&t.tagName"
";\n"
"if(e.key=='/'&&!e.ctrlKey&&!e.metaKey&&!e.altKey&&n!='INPUT'&&n!='TEXT"
"AREA'&&n!='SELECT'&&!(t&&t.isContentEditable)){e.preventDefault();if(!"
"inp.offsetParent){d.body.classList.add('menu-open');var m=d.querySelec"
"tor('.top .menu');if(m)m.setAttribute('aria-expanded','true')}inp.focu"
"s();inp.select()}});\n"
"d.addEventListener('click',function(e){if(!e.target.closest||!e.target"
".closest('.search'))close()});\n"
"addEventListener('resize',function(){if(!box.hidden)place()});\n"
"})();\n",
};

/* casefold.h's table as the script's F: [lo, hi, delta] rows. */
static void
fold_table(struct buf *b)
{
	buf_adds(b, "var F=[");
	for (size_t i = 0; i < fold_ranges_n; i++)
		buf_addf(b, "%s[%u,%u,%d]", i ? "," : "",
		    (unsigned)fold_ranges[i].lo, (unsigned)fold_ranges[i].hi,
		    (int)fold_ranges[i].delta);
	buf_adds(b, "];\n");
}

const char *
search_ui_js(void)
{
	static char *text;
	struct buf b = BUF_INIT;

	if (text)
		return text;
	for (size_t i = 0; i < sizeof js_parts / sizeof *js_parts; i++) {
		buf_adds(&b, js_parts[i]);
		if (!i)
			fold_table(&b);
	}
	text = b.p;
	return text;
}

void
search_ui_box(struct buf *out, const char *root)
{
	buf_adds(out, "<div class=\"search\" role=\"search\">"
	    "<input type=\"search\" id=\"search\" placeholder=\"Search\" "
	    "aria-label=\"Search (press /)\" autocomplete=\"off\" "
	    "spellcheck=\"false\" aria-controls=\"search-results\" "
	    "aria-expanded=\"false\"><kbd class=\"search-key\">/</kbd>"
	    "<div class=\"search-results\" id=\"search-results\" "
	    "role=\"listbox\" aria-label=\"Search results\" hidden></div>"
	    "</div>\n<script src=\"");
	buf_add_html(out, root ? root : "");
	buf_adds(out, "_tend/search/search.js\" defer></script>\n");
}
