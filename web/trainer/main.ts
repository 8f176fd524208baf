document.getElementById('trainer')!.textContent = 'trainer mode';
