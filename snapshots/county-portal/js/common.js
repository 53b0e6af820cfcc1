/* 沧岚县人民政府门户网站 公共脚本 */
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
	if (_nPageCount == null || _nPageCount <= 1) {
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	var html = "";
	if (nCurrIndex == 0) {
		html += "<span>首页</span>&nbsp;<span>上一页</span>&nbsp;";
	} else {
		var prev = nCurrIndex == 1 ? _sPageName + "." + _sPageExt
			: _sPageName + "_" + (nCurrIndex - 1) + "." + _sPageExt;
		html += "<a href=\"" + _sPageName + "." + _sPageExt + "\">首页</a>&nbsp;";
		html += "<a href=\"" + prev + "\">上一页</a>&nbsp;";
	}
	if (nCurrIndex + 1 < _nPageCount) {
		html += "<a href=\"" + _sPageName + "_" + (nCurrIndex + 1) + "." + _sPageExt + "\">下一页</a>&nbsp;";
		html += "<a href=\"" + _sPageName + "_" + (_nPageCount - 1) + "." + _sPageExt + "\">尾页</a>";
	} else {
		html += "<span>下一页</span>&nbsp;<span>尾页</span>";
	}
	document.write(html);
}
